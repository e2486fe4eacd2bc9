import { CitygridError, defineCatalogue, ERRORS, problemFrom, type Problem as CoreProblem } from '@citygrid/core';

/**
 * The codes only the server raises (access, intake, versions, the live feed, the database
 * file), declared like core's catalogue and listed with it in docs/errors.md.
 */
export const SERVER_ERRORS = defineCatalogue({
  CG_ERR_VALIDATION: { http: 400, exit: 2, message: '%s %s', fix: 'see the request schema at /docs' },
  CG_ERR_UNKNOWN_CATEGORY: {
    http: 422,
    exit: 2,
    message: 'unknown category %s',
    fix: 'use an event type code from GET /api/meta (e.g. 06010 暴露垃圾)',
  },
  CG_ERR_COVERAGE_INVALID: {
    http: 422,
    exit: 1,
    message: 'the grids do not tile their area: %s',
    fix: 'redraw the listed borders so the grids meet edge to edge (POST /api/grids/validate returns each piece as GeoJSON), or import anyway with ?force=true',
  },
  CG_ERR_UNSUPPORTED_MEDIA: {
    http: 415,
    exit: 2,
    message: 'content type %s is not accepted',
    fix: 'send application/json (or application/geo+json)',
  },
  CG_ERR_DUPLICATE_REPORT: {
    http: 409,
    exit: 2,
    message: 'report id %s already exists with different content',
    fix: 'use a new id, or resend the identical report',
  },
  CG_ERR_NO_GRIDS: { http: 409, exit: 2, message: 'no grids are loaded', fix: 'import grids first (POST /api/grids, then publish)' },
  CG_ERR_PAYLOAD_TOO_LARGE: {
    http: 413,
    exit: 2,
    message: 'payload of %s bytes is over the limit of %s',
    fix: 'send fewer items per request',
  },
  CG_ERR_UNKNOWN_PARENT: {
    http: 400,
    exit: 2,
    message: 'parent %s is not a loaded boundary',
    fix: 'name a town or district id from GET /api/boundaries (load the boundaries first), or leave parent out',
  },
  CG_ERR_UNKNOWN_LEVEL: {
    http: 400,
    exit: 2,
    message: 'level %s is not a boundary level',
    fix: 'use city, district, street or community (e.g. PUT /api/boundaries/street, citygrid boundaries import --level street)',
  },
  CG_ERR_BOUNDARY_ID_TAKEN: {
    http: 400,
    exit: 2,
    message: 'unit id %s is already a unit of the %s level',
    fix: 'give units ids unique across levels (choose another --id-field / id_field), or replace the other level first',
  },
  CG_ERR_UNKNOWN_VERSION: {
    http: 404,
    exit: 2,
    message: 'grid version %s does not exist',
    fix: 'list the versions with GET /api/grids/versions; each import (POST /api/grids) makes a new one',
  },
  CG_ERR_UNAUTHORIZED: {
    http: 401,
    exit: 2,
    message: '%s',
    fix: 'send an API key as "Authorization: Bearer cg_…" (or "X-API-Key: cg_…"); an admin makes one with POST /api/keys (docs/server.md, Access)',
  },
  CG_ERR_FORBIDDEN: {
    http: 403,
    exit: 2,
    message: '%s',
    fix: 'use a key of the role named (admin > planner > reporter > viewer; the case roles operator, supervisor, dispatcher, department, inspector: docs/cases.md); an admin makes one with POST /api/keys',
  },
  CG_ERR_KEY_SCOPE: {
    http: 400,
    exit: 2,
    message: 'a key of role %s %s',
    fix: 'a department key takes a department code ("department" in POST /api/keys, --department with the CLI), an inspector key grid ids ("grids", --grids A1,A2); the other roles take neither',
  },
  CG_ERR_RATE_LIMITED: {
    http: 429,
    exit: 2,
    message: 'more than %s requests in %s from %s',
    fix: "wait the seconds in the Retry-After header; the limit counts per key (per address without one); the server's operator sets it",
  },
  CG_ERR_STREAM_FULL: {
    http: 503,
    exit: 2,
    message: '%s live feed connections are open, the limit',
    fix: 'retry later (EventSource retries by itself and resumes with Last-Event-ID), or raise the limit',
  },
  CG_ERR_CHECK_TIMEOUT: {
    http: 503,
    exit: 2,
    message: '%s took longer than %s s, the limit, and was stopped',
    fix: "split the file into smaller parts (a town at a time, say) and send each, or ask the server's operator to raise the limit (docs/server.md)",
  },
  CG_ERR_IMPACT_TIMEOUT: {
    http: 503,
    exit: 2,
    message: '%s took longer than %s s, the limit, and was stopped',
    fix: "narrow the reports it routes (from, to, category: a month at a time, say), or ask the server's operator to raise the limit (docs/server.md)",
  },
  CG_ERR_PUBLISH_TIMEOUT: {
    http: 503,
    exit: 2,
    message: '%s took longer than %s s, the limit, and was stopped',
    fix: "nothing was changed and the previous version keeps serving; ask the server's operator to raise the limit (docs/server.md), then publish again",
  },
  CG_ERR_DB_IN_USE: {
    http: 500,
    exit: 2,
    message: 'the database file %s is in use by another process',
    fix: 'stop citygrid serve (or the other program) on that file first; keys can also be managed over HTTP with an admin key (POST, GET, DELETE /api/keys)',
  },
  CG_ERR_DB_PATH: {
    http: 500,
    exit: 2,
    message: 'the database %s %s',
    fix: 'give --db a .duckdb file in an existing folder (it is created when missing), e.g. --db data/city.duckdb',
  },
  CG_ERR_UNKNOWN_TEAM_ROLE: {
    http: 400,
    exit: 2,
    message: "team role %s is not one of the city's team roles: %s",
    fix: "use a team role code of the city profile (team_roles; the default is seed 001's 1+1+1+5+X: grid-head 网格长, instructor 网格指导员, full-time 专职网格员, specialist 专业网格员, optional 选配网格员)",
  },
  CG_ERR_UNKNOWN_DEPARTMENT: {
    http: 400,
    exit: 2,
    message: "department %s is not one of the city's departments: %s",
    fix: 'use a department code of the city profile (departments), or leave department empty for a role that has none',
  },
  CG_ERR_DEPARTMENT_REQUIRED: {
    http: 400,
    exit: 2,
    message: 'team role %s needs a department',
    fix: "give the department the person works for (a code of the city profile's departments, e.g. cgj 城管局)",
  },
  CG_ERR_UNKNOWN_GRID: {
    http: 422,
    exit: 2,
    message: 'grids %s are not in the current grid version',
    fix: 'use grid ids of the current version (GET /api/grids); import and publish the grids first',
  },
  CG_ERR_UNKNOWN_PERSON: {
    http: 422,
    exit: 2,
    message: 'person %s is not stored',
    fix: 'add the person first (POST /api/people or citygrid people import), or name a stored person id',
  },
  CG_ERR_NO_PERSON: {
    http: 403,
    exit: 2,
    message: 'the key cg_%s_… is not linked to a person',
    fix: 'an admin makes a key for the person: "person" in POST /api/keys (e.g. {"role": "inspector", "grids": ["A1"], "person": "P1"})',
  },
  CG_ERR_PATROL_INVALID: {
    http: 400,
    exit: 2,
    message: 'patrol %s: %s %s',
    fix: 'send the track as [[lon, lat, t_ms, accuracy_m], …] in time order, between started_at and now, in the declared crs',
  },
  CG_ERR_DUPLICATE_PATROL: {
    http: 409,
    exit: 2,
    message: 'patrol id %s is already stored for person %s',
    fix: 'give each patrol a new client id (a UUID made on the device)',
  },
  CG_ERR_DUPLICATE_PERSON: {
    http: 409,
    exit: 2,
    message: 'person %s already exists with different content',
    fix: 'change a person with PATCH /api/people/{id}, or give the new person an id of its own; posting the identical person again changes nothing',
  },
  CG_ERR_NOT_MULTIPART: {
    http: 415,
    exit: 2,
    message: 'content type %s is not multipart/form-data',
    fix: 'send the photos as file parts of a multipart/form-data body (curl -F file=@photo.jpg)',
  },
  CG_ERR_UNSUPPORTED_IMAGE: {
    http: 415,
    exit: 2,
    message: 'file %s is %s, not a JPEG, PNG or WebP image',
    fix: "send photos as JPEG, PNG or WebP: the type is read from the file's first bytes, not from its name or declared type",
  },
  CG_ERR_FILE_TOO_LARGE: {
    http: 413,
    exit: 2,
    message: 'file %s is over the limit of %s bytes',
    fix: "resize or recompress the photo; the limit per file is the server's attachments.maxBytes (10 MB unless the operator changed it)",
  },
  CG_ERR_TOO_MANY_FILES: {
    http: 413,
    exit: 2,
    message: 'more than %s files in one request',
    fix: 'post the photos in several requests; posting a photo again changes nothing',
  },
  CG_ERR_REPORT_IN_CASE: {
    http: 409,
    exit: 2,
    message: 'report %s already belongs to case %s',
    fix: 'open that case (GET /api/cases/{id}) instead of a new one; a report belongs to one case',
  },
  CG_ERR_REPORT_HAS_CASE: {
    http: 409,
    exit: 2,
    message: 'report %s belongs to case %s and cannot be deleted',
    fix: "redact it instead (POST /api/reports/{id}/redact with a reason): its text, contact and photos go, its point stays in the case's history",
  },
  CG_ERR_CASE_IMPORT: {
    http: 422,
    exit: 2,
    message: 'line %s: %s',
    fix: 'correct the lines named and send the whole file again: an import is all or nothing, and nothing was imported',
  },
  CG_ERR_ASSESSMENT_QUERY: {
    http: 400,
    exit: 2,
    message: '%s %s is not %s',
    fix: 'level is one of grid, community, street, district, department, person; period a month 2026-11, a quarter 2026-Q4, a year 2026 or an ISO week 2026-W47',
  },
  CG_ERR_CASE_NOT_CLOSED: {
    http: 409,
    exit: 2,
    message: 'case %s is %s, not closed',
    fix: 'rate a case once it is closed (结案): satisfaction is asked on closure',
  },
  CG_ERR_ALREADY_RATED: {
    http: 409,
    exit: 2,
    message: 'case %s was already rated %s by %s',
    fix: 'a reporter rates a case once: send the same rating again (it answers 200) or leave it',
  },
  // Not bad input: a bug or a broken disk. 70 is sysexits' EX_SOFTWARE.
  CG_ERR_INTERNAL: {
    http: 500,
    exit: 70,
    message: 'internal error (request %s)',
    fix: "retry; if it persists, give the server's operator the request id in the message: the server log (JSON lines, one per request) holds the error and its stack under this reqId",
  },
} as const);

/** Every code a request can fail with: core's and the server's. */
export const CATALOGUE = { ...ERRORS, ...SERVER_ERRORS };

/** A code of {@link CATALOGUE}. */
export type ServerErrorCode = keyof typeof CATALOGUE;

/** A problem of {@link CATALOGUE}. */
export type Problem = CoreProblem<ServerErrorCode>;

/** A CitygridError of {@link CATALOGUE}. */
export type ServerError = CitygridError<ServerErrorCode>;

/**
 * Builds a problem from core's or the server's catalogue, filling `%s` in order.
 * @example problem('CG_ERR_UNKNOWN_VERSION', {}, '7')
 */
export function problem(code: ServerErrorCode, where: { index?: number; id?: string }, ...args: unknown[]): Problem {
  return problemFrom(CATALOGUE, code, where, ...args);
}

/**
 * A CitygridError of the server's problems, its status and exit code read from {@link CATALOGUE}.
 * @example throw serverError([problem('CG_ERR_STREAM_FULL', {}, 1000)]);
 */
export function serverError(problems: Problem[]): ServerError {
  return new CitygridError(problems, CATALOGUE);
}
