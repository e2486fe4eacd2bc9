import { randomUUID } from 'node:crypto';
import { CASE_TYPES, CitygridError, parsePointCrs, REPORT_SOURCES, toWgs84, type PointCrs } from '@citygrid/core';
import { problem, serverError, type Problem, type ServerError, type ServerErrorCode } from '../errors/catalogue.ts';
import { checkLonLat } from '@citygrid/core';
import { parseIsoTime } from './parse-iso-time.ts';

/** A report that passed every check, with its id and time filled in. */
export interface CheckedReport {
  id: string;
  /** False when the id was generated: such a report cannot be a retry. */
  idGiven: boolean;
  /** WGS84 degrees, converted from the report's `crs` when it gave one. */
  lon: number;
  lat: number;
  category: string;
  source: string;
  /** created_at in ms since the epoch (UTC). */
  createdMs: number;
  /** False when created_at defaulted to now: a retry is then compared without it. */
  timeGiven: boolean;
}

const CATEGORY_CODES = new Set(CASE_TYPES.map((t) => t.code));
const SOURCES = new Set<string>(REPORT_SOURCES);

/**
 * Checks every report of a batch, fills defaults (id: a random UUID, created_at: now) and
 * converts positions given in another `crs` (GCJ-02, BD-09) to WGS84, the only system stored.
 * Throws one CitygridError listing every bad item, each with its index, id and fix, so a
 * batch is accepted whole or not at all. Problems are listed in item order, with unknown
 * categories (422) after the rest, so the status is 400 whenever anything else is wrong.
 *
 * @param inputs parsed JSON items; not trusted (the CLI calls the store without a schema)
 * @param label names an item in messages, e.g. `i => 'body/' + i`
 * @example checkReportInputs([{ lon: 109.03, lat: 32.69, category: '06010', source: 'app' }])
 */
export function checkReportInputs(inputs: readonly unknown[], label: (index: number) => string = (i) => `reports[${i}]`): CheckedReport[] {
  const now = Date.now();
  const problems: Problem[] = [];
  const checked: CheckedReport[] = [];
  inputs.forEach((input, index) => {
    const found = checkOne(input, index, label(index), now);
    if ('problems' in found) problems.push(...found.problems);
    else checked.push(found);
  });
  if (problems.length) {
    const unknownCategory = (p: Problem) => p.code === 'CG_ERR_UNKNOWN_CATEGORY';
    throw serverError([...problems.filter((p) => !unknownCategory(p)), ...problems.filter(unknownCategory)]);
  }
  return checked;
}

function checkOne(input: unknown, index: number, at: string, now: number): CheckedReport | { problems: Problem[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { problems: [located('CG_ERR_REPORT_INVALID', index, undefined, at, `expected a report object, got ${Array.isArray(input) ? 'an array' : String(input)}`)] };
  }
  const r = input as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : undefined;
  const problems: Problem[] = [];
  const fail = (code: ServerErrorCode, field: string, ...args: unknown[]) => problems.push(located(code, index, id, field ? `${at}/${field}` : at, ...args));

  if (r.id !== undefined && (typeof r.id !== 'string' || r.id.trim() === '')) fail('CG_ERR_VALIDATION', 'id', 'must be a non-empty string');
  let crs: PointCrs = 'wgs84';
  if (r.crs !== undefined) {
    const parsed = typeof r.crs === 'string' ? parsePointCrs(r.crs) : undefined;
    if (parsed) crs = parsed;
    else fail('CG_ERR_CRS_UNKNOWN', 'crs', JSON.stringify(r.crs));
  }
  // Ranges and swaps are checked on the numbers as sent: that is what the client must fix.
  const coords = checkLonLat(r.lon, r.lat);
  if (coords) fail(coords.code, coords.field, ...coords.args);
  if (typeof r.category !== 'string') fail('CG_ERR_VALIDATION', 'category', 'must be an event type code string');
  else if (!CATEGORY_CODES.has(r.category)) fail('CG_ERR_UNKNOWN_CATEGORY', 'category', JSON.stringify(r.category));
  if (typeof r.source !== 'string' || !SOURCES.has(r.source)) fail('CG_ERR_VALIDATION', 'source', `must be one of ${REPORT_SOURCES.join(', ')}; got ${JSON.stringify(r.source)}`);
  let createdMs: number | null = now;
  if (r.created_at !== undefined) {
    createdMs = typeof r.created_at === 'string' ? parseIsoTime(r.created_at) : null;
    if (createdMs === null) fail('CG_ERR_VALIDATION', 'created_at', `must be an ISO 8601 date or date-time (e.g. 2024-05-01T08:30:00+08:00); got ${JSON.stringify(r.created_at)}`);
  }
  if (problems.length) return { problems };
  const [lon, lat] = toWgs84(r.lon as number, r.lat as number, crs);
  return {
    id: id?.trim() ?? randomUUID(),
    idGiven: id !== undefined,
    lon,
    lat,
    category: r.category as string,
    source: r.source as string,
    createdMs: createdMs!,
    timeGiven: r.created_at !== undefined,
  };
}

/**
 * A catalogue problem whose message starts with the field path it is about. CG_ERR_VALIDATION's
 * template is `%s %s` (path, complaint), the same shape as schema errors: `body/0/lon must be number`.
 */
function located(code: ServerErrorCode, index: number, id: string | undefined, path: string, ...args: unknown[]): Problem {
  const p = code === 'CG_ERR_VALIDATION' ? problem(code, {}, path, args.join(' ')) : problem(code, {}, ...args);
  if (code !== 'CG_ERR_VALIDATION') p.message = `${path}: ${p.message}`;
  p.index = index;
  if (id !== undefined) p.id = id;
  return p;
}
