import { type BBox } from '@citygrid/core';
import { problem, serverError, type Problem } from '../errors/catalogue.ts';
import { parseIsoTime } from './parse-iso-time.ts';
import type { ReportFilter } from '../db/report-filter.ts';

/** Query parameters a report filter is read from; all strings, as they arrive. */
export interface ReportFilterQuery {
  bbox?: string;
  from?: string;
  to?: string;
  category?: string;
  source?: string;
  grid?: string;
  department?: string;
}

/**
 * Reads a {@link ReportFilter} from query parameters. Throws one CitygridError naming every
 * bad parameter (`querystring/bbox …`, `querystring/from …`) rather than answering an empty
 * page that looks like "no reports".
 */
export function reportFilterFromQuery(query: ReportFilterQuery): ReportFilter {
  const problems: Problem[] = [];
  const bad = (name: string, complaint: string) => problems.push(problem('CG_ERR_VALIDATION', {}, `querystring/${name}`, complaint));
  const filter: ReportFilter = {};
  if (query.bbox !== undefined) {
    const bbox = parseBBox(query.bbox);
    if (typeof bbox === 'string') bad('bbox', bbox);
    else filter.bbox = bbox;
  }
  for (const name of ['from', 'to'] as const) {
    const text = query[name];
    if (text === undefined) continue;
    const ms = parseIsoTime(text);
    if (ms === null)
      bad(name, `must be an ISO 8601 date or date-time (2024-05-01, 2024-05-01T08:00:00+08:00), got ${JSON.stringify(text)}`);
    else filter[name === 'from' ? 'fromMs' : 'toMs'] = ms;
  }
  if (query.category !== undefined) {
    const codes = query.category
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (codes.length) filter.categories = codes;
  }
  if (query.source !== undefined) {
    const sources = query.source
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (sources.length) filter.sources = sources;
  }
  if (query.department !== undefined) {
    const departments = query.department
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (departments.length) filter.departments = departments;
  }
  if (query.grid !== undefined && query.grid !== '') filter.grid = query.grid;
  if (problems.length) throw serverError(problems);
  return filter;
}

/** `minLon,minLat,maxLon,maxLat` as a BBox, or what is wrong with it. */
function parseBBox(text: string): BBox | string {
  const parts = text.split(',');
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
    return `must be four numbers minLon,minLat,maxLon,maxLat, got ${JSON.stringify(text)}`;
  }
  const [x0, y0, x1, y1] = nums;
  if ([x0, x1].some((x) => Math.abs(x) > 180) || [y0, y1].some((y) => Math.abs(y) > 90)) {
    return `must be WGS84 degrees (lon −180…180, lat −90…90), got ${JSON.stringify(text)}`;
  }
  if (x0 > x1 || y0 > y1) return `must have min before max (minLon,minLat,maxLon,maxLat), got ${JSON.stringify(text)}`;
  return [x0, y0, x1, y1];
}
