/**
 * The error catalogue: every failure citygrid reports has one code here, with its message
 * template, the fix to suggest, its HTTP status and its CLI exit code. The server's error
 * handler and the CLI runner both read this table; nothing else maps codes.
 */
export const ERRORS = {
  CG_ERR_USAGE: { http: 400, exit: 2, message: '%s', fix: 'run the command with --help' },
  CG_ERR_FILE_NOT_FOUND: { http: 404, exit: 2, message: 'cannot read %s', fix: 'check the path' },
  CG_ERR_CANNOT_WRITE: { http: 500, exit: 2, message: 'cannot write %s', fix: 'check that the folder exists and is writable, and that the path is not a folder' },
  CG_ERR_NOT_JSON: { http: 400, exit: 2, message: 'not valid JSON: %s', fix: 'check the file is GeoJSON text (UTF-8), not truncated' },
  CG_ERR_NOT_FEATURE_COLLECTION: { http: 400, exit: 2, message: 'expected a GeoJSON FeatureCollection, got %s', fix: 'wrap the features as {"type":"FeatureCollection","features":[...]}' },
  CG_ERR_EMPTY_COLLECTION: { http: 400, exit: 2, message: 'the FeatureCollection has no features', fix: 'add at least one grid polygon' },
  CG_ERR_TOO_MANY_FEATURES: { http: 413, exit: 2, message: '%s features, more than the limit of %s', fix: 'split the import into smaller files or raise maxFeatures' },
  CG_ERR_NOT_A_FEATURE: { http: 400, exit: 2, message: 'expected a Feature, got %s', fix: 'each element of "features" must be {"type":"Feature","geometry":...,"properties":{...}}' },
  CG_ERR_INVALID_GEOJSON: { http: 400, exit: 2, message: 'invalid GeoJSON: %s', fix: 'see RFC 7946 §3; geojson.io shows where the structure breaks' },
  CG_ERR_GEOMETRY_TYPE: { http: 400, exit: 2, message: 'expected Polygon or MultiPolygon, got %s', fix: 'grids are areas: buffer points and lines into polygons, or drop the feature' },
  CG_ERR_RING_TOO_SHORT: { http: 400, exit: 2, message: 'ring %s has %s positions, fewer than 4', fix: 'a ring needs at least 3 distinct positions plus the closing one' },
  CG_ERR_RING_UNCLOSED: { http: 400, exit: 2, message: 'ring %s is not closed: first %s, last %s', fix: 'repeat the first position at the end of the ring' },
  CG_ERR_COORD_NOT_NUMBER: { http: 400, exit: 2, message: 'ring %s position %s is not a pair of finite numbers: %s', fix: 'write each position as [lon, lat] numbers' },
  CG_ERR_COORD_SWAPPED: { http: 400, exit: 2, message: 'coordinates %s look like [lat, lon]: latitude cannot exceed 90', fix: 'swap each position to [lon, lat] as RFC 7946 requires' },
  CG_ERR_COORD_OUT_OF_RANGE: { http: 400, exit: 2, message: 'position %s is outside lon −180…180 / lat −90…90', fix: 'reproject to WGS84 lon/lat (EPSG:4326); projected metres are not accepted' },
  CG_ERR_CRS_UNKNOWN: { http: 400, exit: 2, message: 'coordinate system %s is not supported', fix: 'grids: reproject to WGS84 / CGCS2000 lon/lat (EPSG:4326 or EPSG:4490); points: name their system, one of wgs84, gcj02 (Amap, Tencent, WeChat), bd09 (Baidu), cgcs2000' },
  CG_ERR_ID_MISSING: { http: 400, exit: 2, message: 'no "%s" property', fix: 'give every grid a unique id, or name the id property with --id-field' },
  CG_ERR_ID_DUPLICATE: { http: 400, exit: 2, message: 'id %s is used by features %s', fix: 'make each grid id unique (a 15-digit grid code)' },
  CG_ERR_REPORT_INVALID: { http: 400, exit: 2, message: '%s', fix: 'send lon (−180…180) and lat (−90…90) as numbers in WGS84' },
  CG_ERR_UNREADABLE_INPUT: { http: 400, exit: 2, message: '%s', fix: 'check the file is UTF-8 CSV (one header line, the same number of columns on every row), GeoJSON or Parquet' },
  CG_ERR_DISPATCH_CONFIG: { http: 400, exit: 2, message: '%s %s', fix: 'see docs/dispatch.md: corridors are line features with id, width_m > 0 and owner; rules map codes or prefixes to departments' },
  CG_ERR_VALIDATION: { http: 400, exit: 2, message: '%s %s', fix: 'see the request schema at /docs' },
  CG_ERR_UNKNOWN_CATEGORY: { http: 422, exit: 2, message: 'unknown category %s', fix: 'use an event type code from GET /api/meta (e.g. 06010 暴露垃圾)' },
  CG_ERR_COVERAGE_INVALID: { http: 422, exit: 1, message: 'the grids do not tile their area: %s', fix: 'redraw the listed borders so the grids meet edge to edge (POST /api/grids/validate returns each piece as GeoJSON), or import anyway with ?force=true' },
  CG_ERR_UNSUPPORTED_MEDIA: { http: 415, exit: 2, message: 'content type %s is not accepted', fix: 'send application/json (or application/geo+json)' },
  CG_ERR_DUPLICATE_REPORT: { http: 409, exit: 2, message: 'report id %s already exists with different content', fix: 'use a new id, or resend the identical report' },
  CG_ERR_NO_GRIDS: { http: 409, exit: 2, message: 'no grids are loaded', fix: 'import grids first (POST /api/grids or citygrid import)' },
  CG_ERR_PAYLOAD_TOO_LARGE: { http: 413, exit: 2, message: 'payload of %s bytes is over the limit of %s', fix: 'send fewer items per request' },
  CG_ERR_EDIT_INVALID: { http: 422, exit: 1, message: 'the edit would break the coverage: %s', fix: 'draw the line across the grid from border to border (split), or from one end of the two grids\' shared border to the other without crossing any other border (move)' },
  CG_ERR_UNKNOWN_PARENT: { http: 400, exit: 2, message: 'parent %s is not a loaded boundary', fix: 'name a town or district id from GET /api/boundaries (load the boundaries first), or leave parent out' },
  CG_ERR_NOT_FOUND: { http: 404, exit: 2, message: '%s not found', fix: 'check the id' },
  CG_ERR_UNKNOWN_VERSION: { http: 404, exit: 2, message: 'grid version %s does not exist', fix: 'list the versions with GET /api/grids/versions; each import (POST /api/grids) makes a new one' },
  CG_ERR_GRID_CODE: { http: 422, exit: 2, message: 'grid code %s: %s', fix: 'a unit-grid code is 15 digits: 6 county (GB/T 2260) + 3 street/town + 3 community/village + 3 grid number 001–999 (docs/partition.md)' },
  CG_ERR_GRID_CODE_DUPLICATE: { http: 422, exit: 2, message: 'grid code %s is used by %s', fix: 'give each grid of a community its own number: assignCodes numbers them 001, 002, … west to east, north to south' },
  CG_ERR_GRID_CODE_PARENT: { http: 422, exit: 2, message: 'grid code %s does not start with its parent\'s code %s', fix: 'a grid code begins with its community\'s 12-digit code (its town\'s 9 digits, its county\'s 6): fix the parent or renumber with assignCodes' },
  CG_ERR_PARENT_CODE: { http: 400, exit: 2, message: 'parent code %s: %s', fix: 'give the 12-digit community code (统计用区划代码, e.g. 610902001001) to number grids 001–999 inside it, or the 9-digit street/town code to make each grid its own community' },
  CG_ERR_UNAUTHORIZED: { http: 401, exit: 2, message: '%s', fix: 'send an API key as "Authorization: Bearer cg_…" (or "X-API-Key: cg_…"); an admin makes one with POST /api/keys, or with citygrid keys create --role <role> --db <file> while the server is stopped (docs/server.md, Access)' },
  CG_ERR_FORBIDDEN: { http: 403, exit: 2, message: '%s', fix: 'use a key of the role named (admin > planner > reporter > viewer); an admin makes one with POST /api/keys or citygrid keys create --role <role>' },
  CG_ERR_RATE_LIMITED: { http: 429, exit: 2, message: 'more than %s requests in %s from %s', fix: 'wait the seconds in the Retry-After header; the limit counts per key (per address without one) and is set with citygrid serve --rate-limit' },
  CG_ERR_STREAM_FULL: { http: 503, exit: 2, message: '%s live feed connections are open, the limit', fix: 'retry later (EventSource retries by itself and resumes with Last-Event-ID), or raise the limit' },
  CG_ERR_DB_IN_USE: { http: 500, exit: 2, message: 'the database file %s is in use by another process', fix: 'stop citygrid serve (or the other program) on that file first; keys can also be managed over HTTP with an admin key (POST, GET, DELETE /api/keys)' },
  CG_ERR_PROFILE: { http: 400, exit: 2, message: '%s %s', fix: 'correct the city profile at that JSON path: the schema is GET /api/profile/schema, each field is described in docs/profile.md' },
  CG_ERR_ACTION_UNKNOWN: { http: 400, exit: 2, message: 'unknown action %s; the workflow has %s', fix: 'send one of the workflow\'s action codes (GET /api/profile: workflow.actions)' },
  CG_ERR_ACTION_FORBIDDEN: { http: 403, exit: 2, message: 'role %s may not take %s; it may be taken by %s', fix: 'use a key of one of the roles named (an admin makes one with citygrid keys create --role <role>)' },
  CG_ERR_CASE_OUT_OF_SCOPE: { http: 403, exit: 2, message: '%s', fix: 'a department key acts on its own department\'s cases and an inspector key on its grids\' cases: use the key of the case\'s department or grid' },
  CG_ERR_ACTION_NOT_ALLOWED: { http: 422, exit: 2, message: '%s is not allowed on a case %s; allowed now: %s', fix: 'take one of the actions allowed now (GET /api/cases/{id} lists them), or reload the case: it may have moved on' },
  CG_ERR_STALE_VERSION: { http: 409, exit: 2, message: 'expected version %s, but the case is at version %s', fix: 'reload the case (GET /api/cases/{id}) and decide again: someone acted on it first' },
  CG_ERR_ACTION_FIELD: { http: 400, exit: 2, message: '%s needs %s', fix: 'send the field in the event: department (a department code), hours (a number > 0), note (text), target (the id of the case to merge into)' },
  CG_ERR_EVENT_TIME: { http: 422, exit: 2, message: 'event at %s is before the case\'s last event at %s', fix: 'list a case\'s events in time order, each at or after the one before' },
  // Not bad input: a bug or a broken disk. 70 is sysexits' EX_SOFTWARE.
  CG_ERR_INTERNAL: { http: 500, exit: 70, message: 'internal error', fix: 'retry; if it persists, report it with the server log around this request' },
} as const satisfies Record<string, { http: number; exit: number; message: string; fix: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One thing wrong with the input, naming where (feature index and id, or a field) and the fix. */
export interface Problem {
  code: ErrorCode;
  message: string;
  fix: string;
  /** 0-based index of the offending feature or array element. */
  index?: number;
  /** Id of the offending feature, where it has one. */
  id?: string;
  /** JSON pointer of the offending member, e.g. `/dispatch/2/department`. */
  path?: string;
}

/**
 * Builds a {@link Problem} from the catalogue, filling `%s` in order.
 * @example problem('CG_ERR_GEOMETRY_TYPE', { index: 3, id: 'A' }, 'LineString')
 */
export function problem(code: ErrorCode, where: { index?: number; id?: string }, ...args: unknown[]): Problem {
  const entry = ERRORS[code];
  let i = 0;
  const text = entry.message.replace(/%s/g, () => String(args[i++]));
  const prefix = where.index === undefined ? '' : `feature ${where.index}${where.id === undefined ? '' : ` (id ${JSON.stringify(where.id)})`}: `;
  const p: Problem = { code, message: prefix + text, fix: entry.fix };
  if (where.index !== undefined) p.index = where.index;
  if (where.id !== undefined) p.id = where.id;
  return p;
}

/** An error carrying one or more catalogue problems; `http` and `exit` come from the first. */
export class CitygridError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  readonly http: number;
  readonly exit: number;

  constructor(problems: Problem[]) {
    const first = problems[0];
    super(problems.length === 1 ? first.message : `${problems.length} problems, first: ${first.message}`);
    this.name = 'CitygridError';
    this.code = first.code;
    this.problems = problems;
    this.http = ERRORS[first.code].http;
    this.exit = ERRORS[first.code].exit;
  }

  /** Shorthand for a single-problem error. */
  static of(code: ErrorCode, where: { index?: number; id?: string }, ...args: unknown[]): CitygridError {
    return new CitygridError([problem(code, where, ...args)]);
  }
}
