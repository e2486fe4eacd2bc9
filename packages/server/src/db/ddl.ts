// Grids (routed to) and boundaries (context outlines) are both areas with the same columns;
// appenders write them in this order. `ord` keeps the import order, so the API returns
// features in the order they were given.
const AREA_COLUMN_TYPES = {
  id: 'VARCHAR NOT NULL',
  ord: 'INTEGER NOT NULL',
  name: 'VARCHAR NOT NULL',
  level: 'INTEGER NOT NULL',
  parent: 'VARCHAR',
  properties: 'VARCHAR NOT NULL',
  geometry: 'VARCHAR NOT NULL',
  area_m2: 'DOUBLE NOT NULL',
  min_lon: 'DOUBLE NOT NULL',
  min_lat: 'DOUBLE NOT NULL',
  max_lon: 'DOUBLE NOT NULL',
  max_lat: 'DOUBLE NOT NULL',
} as const;

const AREA_COLUMNS = Object.keys(AREA_COLUMN_TYPES).join(', ');
const AREA_TABLE = Object.entries(AREA_COLUMN_TYPES)
  .map(([name, type]) => `${name} ${type}`)
  .join(', ');

/**
 * The current grid version's grids, under the name every reader has always used. A view, not
 * a copy: publishing flips `grid_versions.status` and re-routes the reports in one transaction,
 * and a reader's snapshot sees either the old version's grids and report columns or the new
 * one's, never a mix.
 */
export const GRIDS_VIEW = `CREATE VIEW IF NOT EXISTS grids AS
  SELECT ${AREA_COLUMNS} FROM version_grids
  WHERE version = (SELECT version FROM grid_versions WHERE status = 'current')`;

/**
 * The store's tables. Geometry is GeoJSON text: the spatial extension cannot be installed
 * offline, and core does all geometry anyway; DuckDB only counts and filters.
 *
 * - `grid_versions`: one row per import. `status` is `draft` (never published), `current`
 *   (at most one: the grids reports are routed to) or `retired` (published once, superseded).
 * - `version_grids`: every version's grids, immutable once written.
 * - `reports`: `grid_id` is the grid of the *current* version (re-routed at each publish, so
 *   statistics are one join); `routed_version` and `routed_grid_id` are the version current
 *   when the report arrived and the grid it routed the report to, never rewritten. The two
 *   are the last columns so that files from before versions, which gain them by ALTER TABLE,
 *   have the same column order for the appender. `seq` (after them, for the same reason)
 *   numbers reports in storage order, 1, 2, 3 …: the live feed's event ids (migrate-seq.ts
 *   numbers older rows). New columns go last, by ALTER TABLE, in this order.
 * - `open311_requests`: what an Open311 GeoReport v2 request carries beyond a report (its
 *   media URL and the requester's contact), keyed by the report's id. The contact fields are
 *   kept for the city and never served. Its description, address and attributes columns hold
 *   those of requests stored before reports kept their own; new rows leave them null.
 * - `report_removals`: every report an admin deleted or redacted (removals/remove-report.ts),
 *   with who (the key id; '' with access control off), why and when. Append-only.
 */
export const DDL = `
CREATE TABLE IF NOT EXISTS grid_versions (
  version INTEGER PRIMARY KEY,
  status VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  published_at TIMESTAMP,
  id_field VARCHAR NOT NULL,
  grids INTEGER NOT NULL,
  area_m2 DOUBLE NOT NULL,
  problems INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS version_grids (version INTEGER NOT NULL, ${AREA_TABLE}, PRIMARY KEY (version, id));
CREATE TABLE IF NOT EXISTS boundaries (${AREA_TABLE}, PRIMARY KEY (id));
CREATE TABLE IF NOT EXISTS reports (
  id VARCHAR PRIMARY KEY,
  lon DOUBLE NOT NULL,
  lat DOUBLE NOT NULL,
  category VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  grid_id VARCHAR,
  received_at TIMESTAMP NOT NULL,
  routed_version INTEGER,
  routed_grid_id VARCHAR
);
ALTER TABLE reports ADD COLUMN IF NOT EXISTS routed_version INTEGER;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS routed_grid_id VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS seq BIGINT;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS description VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS address VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS attributes VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS department VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS owner_level VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS dispatch_rule VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS category_known BOOLEAN;
CREATE TABLE IF NOT EXISTS report_contacts (
  id VARCHAR PRIMARY KEY,
  contact VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS open311_requests (
  id VARCHAR PRIMARY KEY,
  description VARCHAR,
  address VARCHAR,
  media_url VARCHAR,
  account_id VARCHAR,
  email VARCHAR,
  phone VARCHAR,
  first_name VARCHAR,
  last_name VARCHAR,
  device_id VARCHAR,
  attributes VARCHAR
);
CREATE TABLE IF NOT EXISTS meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS report_removals (
  report_id VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  acted_at TIMESTAMP NOT NULL,
  category VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);
`;

/**
 * API keys: the hash of each secret, never the secret. Revoking sets `revoked_at` and keeps
 * the row, so a list still says which key did what and when it stopped. A `department` key's
 * scope is its `department` code, an `inspector` key's its `grids` (a JSON array of grid ids);
 * both are null for the other roles. `person_id` links a key to the person using it (the field
 * app stores patrols per person and shows "my grids"); null for a key no person carries.
 */
export const API_KEYS_DDL = `CREATE TABLE IF NOT EXISTS api_keys (
  id VARCHAR PRIMARY KEY,
  role VARCHAR NOT NULL,
  hash VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP,
  label VARCHAR
);
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS department VARCHAR;
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS grids VARCHAR;
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS person_id VARCHAR`;

/**
 * The city profile (packages/core/src/profile): every version ever in use, newest current.
 * `profile` is the profile's JSON as given; `files` maps the file names it refers to
 * (corridors, boundaries) to the SHA-256 of their content in `profile_files`, so a version
 * is complete on its own and a file shared by versions is stored once. `profile_uploads` holds
 * files uploaded (PUT /api/profile/files/{name}) for a profile yet to come.
 */
export const PROFILE_DDL = `CREATE TABLE IF NOT EXISTS profiles (
  version INTEGER PRIMARY KEY,
  profile VARCHAR NOT NULL,
  files VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by VARCHAR
);
CREATE TABLE IF NOT EXISTS profile_files (
  sha256 VARCHAR PRIMARY KEY,
  content VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS profile_uploads (
  name VARCHAR PRIMARY KEY,
  sha256 VARCHAR NOT NULL,
  uploaded_at TIMESTAMP NOT NULL
)`;

/** The columns of an area row, in appender order (after `version` in `version_grids`). */
export { AREA_COLUMNS };

/**
 * People and the grid team: `people_grids` pairs a person with each grid they serve (one
 * person, many grids; one grid, many people). `role` is a team role code and `department` a
 * department code of the city profile; `phone` is served to admin keys only.
 */
export const PEOPLE_DDL = `
CREATE TABLE IF NOT EXISTS people (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  phone VARCHAR,
  role VARCHAR NOT NULL,
  department VARCHAR,
  active BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS people_grids (
  person_id VARCHAR NOT NULL,
  grid_id VARCHAR NOT NULL,
  PRIMARY KEY (person_id, grid_id)
);
`;

/**
 * Photos of reports: one row per report and file. The file itself is in the folder beside the
 * DuckDB file, `<file>.files/<sha256[0:2]>/<sha256>` (attachments/attachment-folder.ts), once
 * however many reports have it; `media_type` is read from its first bytes.
 */
export const ATTACHMENTS_DDL = `
CREATE TABLE IF NOT EXISTS attachments (
  report_id VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  media_type VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (report_id, sha256)
);
`;

/**
 * Cases (issue 15, docs/cases.md). `cases` is each case's current state: core's CaseState as
 * JSON in `state`, and the columns lists filter and sort on beside it (times as TIMESTAMP,
 * `closed` for a terminal stage). It is derived: `case_events` is the record, append-only (no
 * UPDATE or DELETE of an event anywhere), numbered by `seq` across all cases and chained:
 * `hash` = SHA-256(`prev_hash` + the event's canonical JSON), `prev_hash` the hash of the
 * event before it in seq order (64 zeros for the first). `case_reports` says which case each
 * report belongs to (one at most).
 */
export const CASES_DDL = `CREATE TABLE IF NOT EXISTS cases (
  id VARCHAR PRIMARY KEY,
  stage VARCHAR NOT NULL,
  closed BOOLEAN NOT NULL,
  version INTEGER NOT NULL,
  department VARCHAR,
  owner_level VARCHAR NOT NULL,
  grid_id VARCHAR,
  category VARCHAR NOT NULL,
  urgency VARCHAR NOT NULL,
  lon DOUBLE,
  lat DOUBLE,
  opened_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  due_at TIMESTAMP,
  suspended_at TIMESTAMP,
  state VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS case_events (
  seq BIGINT PRIMARY KEY,
  case_id VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  action VARCHAR NOT NULL,
  acted_at TIMESTAMP NOT NULL,
  actor VARCHAR NOT NULL,
  payload VARCHAR NOT NULL,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id);
CREATE TABLE IF NOT EXISTS case_reports (
  report_id VARCHAR PRIMARY KEY,
  case_id VARCHAR NOT NULL
)`;

/**
 * Patrols from the field app (issue 17): one row per patrol (its id is the device's client id,
 * so a resent patrol lands once) with its track as JSON `[[lon, lat, t_ms, accuracy_m], …]`,
 * and one check-in per patrol and grid it entered (`checked_in_at` = its first sample inside that grid).
 * Attendance (出勤率, issue 16) counts a person's local days with a check-in in a grid.
 */
export const PATROLS_DDL = `CREATE TABLE IF NOT EXISTS patrols (
  id VARCHAR PRIMARY KEY,
  person_id VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  points INTEGER NOT NULL,
  distance_m DOUBLE NOT NULL,
  track VARCHAR NOT NULL,
  received_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS patrol_checkins (
  patrol_id VARCHAR NOT NULL,
  person_id VARCHAR NOT NULL,
  grid_id VARCHAR NOT NULL,
  checked_in_at TIMESTAMP NOT NULL,
  lon DOUBLE NOT NULL,
  lat DOUBLE NOT NULL,
  PRIMARY KEY (patrol_id, grid_id)
);
CREATE INDEX IF NOT EXISTS patrol_checkins_at ON patrol_checkins (checked_in_at)`;

/**
 * Assessment (issue 16, docs/assessment.md). `case_facts` is derived, like `cases`: one row
 * per case with the milestones core's caseFacts reads from its events (times as UTC ms) and its
 * first report's source (who found it: 发现率, 非现场), so
 * a period's table is one GROUP BY instead of a replay of every case. It is brought up to date
 * from `case_events` before each assessment (assessment/fact-rows.ts); `meta` key `case_facts`
 * says up to which event seq, for which profile version and in which format it is, and a file
 * without it, a new profile or an older format rebuilds it whole. New columns go last, by
 * ALTER TABLE (the appender writes in table order), with a new format. `case_ratings` are reporters' ratings (ratings/): one per
 * case and rater, `rater` naming who (a report id, a key id, or `open311:<token>`).
 */
export const ASSESSMENT_DDL = `CREATE TABLE IF NOT EXISTS case_facts (
  case_id VARCHAR PRIMARY KEY,
  grid_id VARCHAR,
  department VARCHAR,
  first_report VARCHAR,
  opened_at BIGINT NOT NULL,
  merged BOOLEAN NOT NULL,
  registered_at BIGINT,
  dispatch_due BIGINT,
  dispatched_at BIGINT,
  handle_due BIGINT,
  handled_at BIGINT,
  check_due BIGINT,
  checked_at BIGINT,
  verified_at BIGINT,
  closed_at BIGINT,
  reworks INTEGER NOT NULL
);
ALTER TABLE case_facts ADD COLUMN IF NOT EXISTS source VARCHAR;
CREATE TABLE IF NOT EXISTS case_ratings (
  case_id VARCHAR NOT NULL,
  rater VARCHAR NOT NULL,
  rating INTEGER NOT NULL,
  comment VARCHAR,
  report_id VARCHAR,
  channel VARCHAR NOT NULL,
  rated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (case_id, rater)
)`;
