/** One failure of a catalogue: its message template (`%s` filled in order), the fix to suggest, HTTP status and CLI exit code. */
export interface ErrorEntry {
  http: number;
  exit: number;
  message: string;
  fix: string;
}

/** Codes (`CG_ERR_*`) and their entries. */
export type Catalogue = Readonly<Record<string, ErrorEntry>>;

/**
 * Declares an error catalogue: each code once, with message, fix, HTTP status and exit code.
 * Returns it unchanged, typed by its codes, for {@link problemFrom} and {@link CitygridError}.
 * @example const SERVER_ERRORS = defineCatalogue({ CG_ERR_FORBIDDEN: { http: 403, exit: 2, message: '%s', fix: 'use a key of the role named' } });
 */
export function defineCatalogue<const C extends Catalogue>(catalogue: C): C {
  return catalogue;
}

/**
 * The library's error catalogue: every failure core raises has one code here, with its message
 * template, the fix to suggest, its HTTP status and its CLI exit code. The server and the CLI
 * declare the codes only they raise in catalogues of their own, built the same way
 * ({@link defineCatalogue}); their error handler and runner read the codes from the error, and
 * docs/errors.md lists all of them.
 */
export const ERRORS = {
  CG_ERR_USAGE: { http: 400, exit: 2, message: '%s', fix: 'run the command with --help' },
  CG_ERR_NOT_JSON: { http: 400, exit: 2, message: 'not valid JSON: %s', fix: 'check the file is GeoJSON text (UTF-8), not truncated' },
  CG_ERR_NOT_UTF8: {
    http: 400,
    exit: 2,
    message: '%s is not UTF-8: invalid byte at offset %s',
    fix: 'send or save the text as UTF-8; a file saved as GBK/GB18030 (Excel on Chinese Windows) converts with iconv -f GB18030 -t UTF-8',
  },
  CG_ERR_MALFORMED_TEXT: {
    http: 400,
    exit: 2,
    message: '%s holds a lone UTF-16 surrogate: text that cannot be stored as sent',
    fix: 'send well-formed Unicode (a \\uD800–\\uDBFF escape must be followed by a \\uDC00–\\uDFFF one); nothing was stored',
  },
  CG_ERR_TOO_DEEP: {
    http: 400,
    exit: 2,
    message: '%s is nested more than %s levels deep',
    fix: 'flatten the value (properties and attributes are a few levels deep at most); nothing was stored',
  },
  CG_ERR_NOT_FEATURE_COLLECTION: {
    http: 400,
    exit: 2,
    message: 'expected a GeoJSON FeatureCollection, got %s',
    fix: 'wrap the features as {"type":"FeatureCollection","features":[...]}',
  },
  CG_ERR_EMPTY_COLLECTION: { http: 400, exit: 2, message: 'the FeatureCollection has no features', fix: 'add at least one grid polygon' },
  CG_ERR_TOO_MANY_FEATURES: {
    http: 413,
    exit: 2,
    message: '%s features, more than the limit of %s',
    fix: 'split the import into smaller files or raise maxFeatures',
  },
  CG_ERR_NOT_A_FEATURE: {
    http: 400,
    exit: 2,
    message: 'expected a Feature, got %s',
    fix: 'each element of "features" must be {"type":"Feature","geometry":...,"properties":{...}}',
  },
  CG_ERR_INVALID_GEOJSON: {
    http: 400,
    exit: 2,
    message: 'invalid GeoJSON: %s',
    fix: 'see RFC 7946 §3; geojson.io shows where the structure breaks',
  },
  CG_ERR_GEOMETRY_TYPE: {
    http: 400,
    exit: 2,
    message: 'expected Polygon or MultiPolygon, got %s',
    fix: 'grids are areas: buffer points and lines into polygons, or drop the feature',
  },
  CG_ERR_RING_TOO_SHORT: {
    http: 400,
    exit: 2,
    message: 'ring %s has %s positions, fewer than 4',
    fix: 'a ring needs at least 3 distinct positions plus the closing one',
  },
  CG_ERR_RING_UNCLOSED: {
    http: 400,
    exit: 2,
    message: 'ring %s is not closed: first %s, last %s',
    fix: 'repeat the first position at the end of the ring',
  },
  CG_ERR_COORD_NOT_NUMBER: {
    http: 400,
    exit: 2,
    message: 'ring %s position %s is not a pair of finite numbers: %s',
    fix: 'write each position as [lon, lat] numbers',
  },
  CG_ERR_COORD_SWAPPED: {
    http: 400,
    exit: 2,
    message: 'coordinates %s look like [lat, lon]: latitude cannot exceed 90',
    fix: 'swap each position to [lon, lat] as RFC 7946 requires',
  },
  CG_ERR_COORD_OUT_OF_RANGE: {
    http: 400,
    exit: 2,
    message: 'position %s is outside lon −180…180 / lat −90…90',
    fix: 'reproject to WGS84 lon/lat (EPSG:4326); projected metres are not accepted',
  },
  CG_ERR_CRS_UNKNOWN: {
    http: 400,
    exit: 2,
    message: 'coordinate system %s is not supported',
    fix: 'grids: reproject to WGS84 / CGCS2000 lon/lat (EPSG:4326 or EPSG:4490); points: name their system, one of wgs84, gcj02 (Amap, Tencent, WeChat), bd09 (Baidu), cgcs2000',
  },
  CG_ERR_ID_MISSING: {
    http: 400,
    exit: 2,
    message: 'no "%s" property',
    fix: 'give every grid a unique id, or name the id property with --id-field',
  },
  CG_ERR_ID_DUPLICATE: {
    http: 400,
    exit: 2,
    message: 'id %s is used by features %s',
    fix: 'make each grid id unique (a 15-digit grid code)',
  },
  CG_ERR_REPORT_INVALID: { http: 400, exit: 2, message: '%s', fix: 'send lon (−180…180) and lat (−90…90) as numbers in WGS84' },
  CG_ERR_DISPATCH_CONFIG: {
    http: 400,
    exit: 2,
    message: '%s %s',
    fix: 'see docs/dispatch.md: corridors are line features with id, width_m > 0 and owner; rules map codes or prefixes to departments',
  },
  CG_ERR_EDIT_INVALID: {
    http: 422,
    exit: 1,
    message: 'the edit would break the coverage: %s',
    fix: "draw the line across the grid from border to border (split), or from one end of the two grids' shared border to the other without crossing any other border (move)",
  },
  CG_ERR_NOT_FOUND: { http: 404, exit: 2, message: '%s not found', fix: 'check the id' },
  CG_ERR_GRID_CODE: {
    http: 422,
    exit: 2,
    message: 'grid code %s: %s',
    fix: 'a unit-grid code is 15 digits: 6 county (GB/T 2260) + 3 street/town + 3 community/village + 3 grid number 001–999 (docs/partition.md)',
  },
  CG_ERR_GRID_CODE_DUPLICATE: {
    http: 422,
    exit: 2,
    message: 'grid code %s is used by %s',
    fix: 'give each grid of a community its own number: assignCodes numbers them 001, 002, … west to east, north to south',
  },
  CG_ERR_GRID_CODE_PARENT: {
    http: 422,
    exit: 2,
    message: "grid code %s does not start with its parent's code %s",
    fix: "a grid code begins with its community's 12-digit code (its town's 9 digits, its county's 6): fix the parent or renumber with assignCodes",
  },
  CG_ERR_PARENT_CODE: {
    http: 400,
    exit: 2,
    message: 'parent code %s: %s',
    fix: 'give the 12-digit community code (统计用区划代码, e.g. 610902001001) to number grids 001–999 inside it, or the 9-digit street/town code to make each grid its own community',
  },
  // An option or argument outside what a function allows, or one this input cannot satisfy
  // (more pieces than the area holds); the message names the option, the value and the range.
  CG_ERR_GRIDS_INPUT: {
    http: 400,
    exit: 2,
    message: 'expected grids: a GridSet, a GeoJSON FeatureCollection or an array of Features, got %s',
    fix: 'pass parseGrids(geojson).gridSet, or the FeatureCollection (or its features array) of Polygon/MultiPolygon features itself',
  },
  CG_ERR_OPTION: {
    http: 400,
    exit: 2,
    message: '%s',
    fix: "change the value the message names to one it allows (each option's range and default are in the function's documentation and docs/)",
  },
  CG_ERR_PROFILE: {
    http: 400,
    exit: 2,
    message: '%s %s',
    fix: 'correct the city profile at that JSON path: the schema is GET /api/profile/schema, each field is described in docs/profile.md',
  },
  CG_ERR_ACTION_UNKNOWN: {
    http: 400,
    exit: 2,
    message: 'unknown action %s; the workflow has %s',
    fix: "send one of the workflow's action codes (GET /api/profile: workflow.actions)",
  },
  CG_ERR_ACTION_FORBIDDEN: {
    http: 403,
    exit: 2,
    message: 'role %s may not take %s; it may be taken by %s',
    fix: 'use a key of one of the roles named (an admin makes one with POST /api/keys)',
  },
  CG_ERR_CASE_OUT_OF_SCOPE: {
    http: 403,
    exit: 2,
    message: '%s',
    fix: "a department key acts on its own department's cases and an inspector key on its grids' cases: use the key of the case's department or grid",
  },
  CG_ERR_ACTION_NOT_ALLOWED: {
    http: 422,
    exit: 2,
    message: '%s is not allowed on a case %s; allowed now: %s',
    fix: 'take one of the actions allowed now (GET /api/cases/{id} lists them), or reload the case: it may have moved on',
  },
  CG_ERR_STALE_VERSION: {
    http: 409,
    exit: 2,
    message: 'expected version %s, but the case is at version %s',
    fix: 'reload the case (GET /api/cases/{id}) and decide again: someone acted on it first',
  },
  CG_ERR_ACTION_FIELD: {
    http: 400,
    exit: 2,
    message: '%s needs %s',
    fix: 'send the field in the event: department (a department code), hours (a number > 0), note (text), target (the id of the case to merge into)',
  },
  CG_ERR_EVENT_TIME: {
    http: 422,
    exit: 2,
    message: "event at %s is before the case's last event at %s",
    fix: "list a case's events in time order, each at or after the one before",
  },
} as const satisfies Catalogue;

export type ErrorCode = keyof typeof ERRORS;

/** One thing wrong with the input, naming where (feature index and id, or a field) and the fix. */
export interface Problem<Code extends string = ErrorCode> {
  code: Code;
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
  return problemFrom(ERRORS, code, where, ...args);
}

/**
 * Builds a {@link Problem} from any catalogue, filling `%s` in order.
 * @example problemFrom(SERVER_ERRORS, 'CG_ERR_UNKNOWN_VERSION', {}, '7')
 */
export function problemFrom<C extends Catalogue, Code extends keyof C & string>(
  catalogue: C,
  code: Code,
  where: { index?: number; id?: string },
  ...args: unknown[]
): Problem<Code> {
  const entry = catalogue[code];
  let i = 0;
  const text = entry.message.replace(/%s/g, () => String(args[i++]));
  const prefix =
    where.index === undefined ? '' : `feature ${where.index}${where.id === undefined ? '' : ` (id ${JSON.stringify(where.id)})`}: `;
  const p: Problem<Code> = { code, message: prefix + text, fix: entry.fix };
  if (where.index !== undefined) p.index = where.index;
  if (where.id !== undefined) p.id = where.id;
  return p;
}

/**
 * An error carrying one or more catalogue problems; `http` and `exit` come from the first,
 * looked up in `catalogue` (core's unless given: the server and the CLI pass theirs).
 */
export class CitygridError<Code extends string = ErrorCode> extends Error {
  readonly code: Code;
  readonly problems: Problem<Code>[];
  readonly http: number;
  readonly exit: number;

  constructor(problems: Problem<Code>[], catalogue: Catalogue = ERRORS) {
    const first = problems[0];
    super(problems.length === 1 ? first.message : `${problems.length} problems, first: ${first.message}`);
    this.name = 'CitygridError';
    this.code = first.code;
    this.problems = problems;
    this.http = catalogue[first.code].http;
    this.exit = catalogue[first.code].exit;
  }

  /**
   * Shorthand for a single-problem error of core's catalogue.
   * @example throw CitygridError.of('CG_ERR_NOT_JSON', {}, 'unexpected end')
   */
  static of(code: ErrorCode, where: { index?: number; id?: string }, ...args: unknown[]): CitygridError {
    return new CitygridError([problem(code, where, ...args)]);
  }
}
