import { randomUUID } from 'node:crypto';
import {
  checkAttributes,
  findMalformedInput,
  malformedProblem,
  parsePointCrs,
  toWgs84,
  type AttributeValues,
  type PointCrs,
} from '@citygrid/core';
import type { CityContext } from '../profile/city-context.ts';
import { problem, serverError, type Problem, type ServerErrorCode } from '../errors/catalogue.ts';
import { checkLonLat, DEFAULT_REPORT_TIMES, dayNumber, localInstant } from '@citygrid/core';
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
  /** False for a category the profile does not know, kept under its own text (unknown_category: other). */
  categoryKnown: boolean;
  /** The GB/T 47678.5 code the category counts as, or null. */
  standard: string | null;
  description: string | null;
  address: string | null;
  /** Values checked against the category's attributes; null when none were given. */
  attributes: AttributeValues | null;
  /** Who reported it (name, phone, email …): stored apart, read only by operators (never public, exported or streamed). */
  contact: Record<string, string> | null;
}

// Free text a report carries: long enough for a 12345 transcript, short enough to bound a batch.
const MAX_DESCRIPTION = 4000;
const MAX_ADDRESS = 500;
const CONTACT_FIELDS = ['name', 'phone', 'email', 'account_id', 'device_id'] as const;
const MAX_CONTACT_FIELD = 200;

/**
 * Checks every report of a batch, fills defaults (id: a random UUID, created_at: now) and
 * converts positions given in another `crs` (GCJ-02, BD-09) to WGS84, the only system stored.
 * Throws one CitygridError listing every bad item, each with its index, id and fix, so a
 * batch is accepted whole or not at all. Problems are listed in item order, with unknown
 * categories (422) after the rest, so the status is 400 whenever anything else is wrong.
 *
 * @param inputs parsed JSON items; not trusted (the CLI calls the store without a schema)
 * @param label names an item in messages, e.g. `i => 'body/' + i`
 * Categories, sources and attributes are the city profile's (`city`, from ProfileService.current()).
 * @example checkReportInputs([{ lon: 109.03, lat: 32.69, category: '06010', source: 'app' }], store.profiles.current())
 */
export function checkReportInputs(
  inputs: readonly unknown[],
  city: CityContext,
  label: (index: number) => string = (i) => `reports[${i}]`,
): CheckedReport[] {
  const now = Date.now();
  const times = timeWindow(city, now);
  const problems: Problem[] = [];
  const checked: CheckedReport[] = [];
  inputs.forEach((input, index) => {
    const found = checkOne(input, index, label(index), times, city);
    if ('problems' in found) problems.push(...found.problems);
    else checked.push(found);
  });
  if (problems.length) {
    const unknownCategory = (p: Problem) => p.code === 'CG_ERR_UNKNOWN_CATEGORY';
    throw serverError([...problems.filter((p) => !unknownCategory(p)), ...problems.filter(unknownCategory)]);
  }
  return checked;
}

function checkOne(
  input: unknown,
  index: number,
  at: string,
  times: TimeWindow,
  city: CityContext,
): CheckedReport | { problems: Problem[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      problems: [
        located(
          'CG_ERR_REPORT_INVALID',
          index,
          undefined,
          at,
          `expected a report object, got ${Array.isArray(input) ? 'an array' : String(input)}`,
        ),
      ],
    };
  }
  const r = input as Record<string, unknown>;
  // The CLI calls the store without the HTTP body check: a lone surrogate would be stored as
  // U+FFFD, acknowledging an id that does not exist.
  const malformed = findMalformedInput(input);
  if (malformed) return { problems: [Object.assign(malformedProblem(malformed, at), { index })] };
  const id = typeof r.id === 'string' ? r.id : undefined;
  const problems: Problem[] = [];
  const fail = (code: ServerErrorCode, field: string, ...args: unknown[]) =>
    problems.push(located(code, index, id, field ? `${at}/${field}` : at, ...args));

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
  const category = typeof r.category === 'string' ? city.catalogue.category(r.category) : undefined;
  const keepUnknown = city.profile.unknown_category === 'other';
  if (typeof r.category !== 'string' || r.category.trim() === '' || r.category.length > 200)
    fail('CG_ERR_VALIDATION', 'category', 'must be a category code (GET /api/profile/catalogue), 1–200 characters');
  else if (!category && !keepUnknown) fail('CG_ERR_UNKNOWN_CATEGORY', 'category', JSON.stringify(r.category));
  if (typeof r.source !== 'string' || !city.catalogue.source(r.source)) {
    fail(
      'CG_ERR_VALIDATION',
      'source',
      `must be one of ${city.catalogue.sources.map((s) => s.code).join(', ')} (the city profile's sources); got ${JSON.stringify(r.source)}`,
    );
  }
  const attributes = checkAttributes(category?.attributes ?? [], r.attributes);
  // A category kept under its own text has no definitions: its flat attribute values are kept as sent.
  if (category) for (const p of attributes.problems) fail('CG_ERR_VALIDATION', p.path, p.message);
  const description = optionalText(r.description, MAX_DESCRIPTION, 'description', fail);
  const address = optionalText(r.address, MAX_ADDRESS, 'address', fail);
  const contact = checkContact(r.contact, fail);
  let createdMs: number | null = times.now;
  if (r.created_at !== undefined) {
    createdMs = typeof r.created_at === 'string' ? parseIsoTime(r.created_at) : null;
    if (createdMs === null)
      fail(
        'CG_ERR_VALIDATION',
        'created_at',
        `must be an ISO 8601 date or date-time (e.g. 2024-05-01T08:30:00+08:00); got ${JSON.stringify(r.created_at)}`,
      );
    // One typo'd year (2006, 9999) would stretch every chart's time axis: refused, naming the window.
    else if (createdMs < times.fromMs || createdMs > times.toMs)
      fail('CG_ERR_VALIDATION', 'created_at', `${times.why}; got ${JSON.stringify(r.created_at)}`);
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
    categoryKnown: category !== undefined,
    standard: category?.standard ?? null,
    description,
    address,
    attributes: category ? (Object.keys(attributes.values).length ? attributes.values : null) : plainValues(r.attributes),
    contact,
  };
}

/** When a report may have been made: from the profile's report_times.since to now plus its ahead_minutes. */
interface TimeWindow {
  now: number;
  fromMs: number;
  toMs: number;
  /** The window in words, for the message. */
  why: string;
}

function timeWindow(city: CityContext, now: number): TimeWindow {
  const since = city.profile.report_times?.since ?? DEFAULT_REPORT_TIMES.since;
  const ahead = city.profile.report_times?.ahead_minutes ?? DEFAULT_REPORT_TIMES.ahead_minutes;
  return {
    now,
    fromMs: localInstant(dayNumber(since), 0, city.profile.timezone),
    toMs: now + ahead * 60_000,
    why: `must lie on or after ${since} (the city profile's report_times.since) and at most ${ahead} minutes past the server's clock (report_times.ahead_minutes)`,
  };
}

function optionalText(value: unknown, max: number, field: string, fail: Fail): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail('CG_ERR_VALIDATION', field, `must be text, got ${typeof value}`);
  else if (value.length > max) fail('CG_ERR_VALIDATION', field, `must be at most ${max} characters, got ${value.length}`);
  else return value.trim() === '' ? null : value;
  return null;
}

function checkContact(value: unknown, fail: Fail): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail('CG_ERR_VALIDATION', 'contact', `must be an object with any of ${CONTACT_FIELDS.join(', ')}`);
    return null;
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(CONTACT_FIELDS as readonly string[]).includes(key))
      fail('CG_ERR_VALIDATION', `contact/${key}`, `is not a contact field; allowed: ${CONTACT_FIELDS.join(', ')}`);
    else if (typeof v !== 'string' || v.length > MAX_CONTACT_FIELD)
      fail('CG_ERR_VALIDATION', `contact/${key}`, `must be text of at most ${MAX_CONTACT_FIELD} characters`);
    else if (v.trim() !== '') out[key] = v;
  }
  return Object.keys(out).length ? out : null;
}

/** Attributes of a category the profile does not know: kept when they are flat numbers, text or booleans. */
function plainValues(value: unknown): AttributeValues | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v));
  return entries.length ? (Object.fromEntries(entries) as AttributeValues) : null;
}

/**
 * A catalogue problem whose message starts with the field path it is about. CG_ERR_VALIDATION's
 * template is `%s %s` (path, complaint), the same shape as schema errors: `body/0/lon must be number`.
 */
type Fail = (code: ServerErrorCode, field: string, ...args: unknown[]) => void;

function located(code: ServerErrorCode, index: number, id: string | undefined, path: string, ...args: unknown[]): Problem {
  const p = code === 'CG_ERR_VALIDATION' ? problem(code, {}, path, args.join(' ')) : problem(code, {}, ...args);
  if (code !== 'CG_ERR_VALIDATION') p.message = `${path}: ${p.message}`;
  p.index = index;
  if (id !== undefined) p.id = id;
  return p;
}
