import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problem, serverError, type ServerError } from '../errors/catalogue.ts';
import { reportFilterFromQuery } from '../reports/report-filter-from-query.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import { ReportFilterQuerySchema } from '../reports/report-schemas.ts';
import {
  BinsQuerySchema,
  BinsSchema,
  CategoryStatsQuerySchema,
  CategoryStatsSchema,
  GridStatsSchema,
  HotspotsQuerySchema,
  HotspotsSchema,
  StatsQuerySchema,
  StatsSchema,
} from './stats-schemas.ts';
import { reportBins } from './report-bins.ts';
import { reportCategories } from './report-categories.ts';
import { reportHotspots } from './report-hotspots.ts';
import { reportStats } from './report-stats.ts';
import { offsetLabel, parseOffset, type Bucket } from './time-buckets.ts';
import { offsetMinutes } from '@citygrid/core';
import { cachedAnswer } from './cached-answer.ts';
import { gridStats } from './grid-stats.ts';

const CACHING =
  'Answers carry a weak ETag (grid version, report count and last arrival, query) and `Cache-Control: private, no-cache`: send If-None-Match to get 304 without recounting.';

const STATS_DESCRIPTION =
  'Counts per unit of a level (grid, community, street) over a window [from, to) and over the previous window of the same length, with ' +
  "per_km2 (of the unit's grids' area), change = (count − previous) / previous (null when previous is 0) and rank by per_km2. " +
  'With bucket=day|week|month, a count per bucket in total and per unit (cut at local midnight of `tz`, default +08:00) for charts and playback. ' +
  'One DuckDB query counts both windows and every bucket. ' +
  CACHING;

const CATEGORIES_DESCRIPTION =
  'Reports per event type (事件类型) in one unit — a grid, or with level=community|street a unit id as `GET /api/stats?level=…` gives it — or, ' +
  'without `unit`, in the whole city (outside reports included), over the window [from, to) and the previous window of the same length: ' +
  'count, previous and change per category with a report in either, most first, named as in `GET /api/meta`. With bucket=day|week|month, the ' +
  "unit's total per bucket (cut as in `GET /api/stats`). 404 CG_ERR_NOT_FOUND for a unit that is not one of the level's. " +
  CACHING;

const BINS_DESCRIPTION =
  'Reports binned for zoomed-out maps: Web Mercator cells of the tile pyramid, 2^(zoom+detail) across the world (tile-aligned squares, ' +
  'or pointy-top hexagons of the same area in axial q, r), counted by DuckDB with GROUP BY on a computed cell id. Compact: parallel arrays. ' +
  '`Accept: application/octet-stream` answers little-endian Int32 triplets [x, y, count] instead. ' +
  CACHING;

const HOTSPOTS_DESCRIPTION =
  'Getis–Ord Gi* per grid of the current version: each grid with the grids sharing a border with it (binary weights, itself included), ' +
  'as a z-score with a two-sided p-value and a class: hot or cold at 90/95/99 % (p < 0.10/0.05/0.01). On reports per km² by default. ' +
  CACHING;

/** Aggregations for the command centre's choropleth, rankings, charts and hotspot map. */
const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/stats/grids',
    {
      schema: {
        tags: ['stats'],
        summary: 'Reports per grid',
        description:
          'Every grid with its report count and density (per km² of ellipsoidal area) over the filter, grids with 0 included, plus the total and how many fell outside every grid.',
        querystring: ReportFilterQuerySchema,
        response: { 200: GridStatsSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const filter = reportFilterFromQuery(request.query);
      return app.store.readSnapshot((snapshot) => gridStats(snapshot, filter));
    },
  );

  app.get(
    '/api/stats',
    {
      schema: {
        tags: ['stats'],
        summary: 'Counts, density, change and ranking per grid, community or street; series for charts',
        description: STATS_DESCRIPTION,
        querystring: StatsQuerySchema,
        response: { 200: StatsSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const query = { level: request.query.level ?? 'grid', ...windowFilter(request.query, app.store.profiles.current().profile.timezone) };
      return cachedAnswer(app, request, reply, '', (snapshot) => reportStats(snapshot, query), { json: true });
    },
  );

  app.get(
    '/api/stats/categories',
    {
      schema: {
        tags: ['stats'],
        summary: 'Reports per event type in one grid, community or street (or the whole city), with change and series',
        description: CATEGORIES_DESCRIPTION,
        querystring: CategoryStatsQuerySchema,
        response: { 200: CategoryStatsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { unit, level = 'grid' } = request.query;
      const query = {
        unit: unit === '' ? undefined : unit,
        level,
        ...windowFilter(request.query, app.store.profiles.current().profile.timezone),
      };
      return cachedAnswer(app, request, reply, '', (snapshot) => reportCategories(snapshot, query, app.store.profiles.current().catalogue));
    },
  );

  app.get(
    '/api/stats/bins',
    {
      schema: {
        tags: ['stats'],
        summary: 'Square or hexagonal bins of reports for zoomed-out maps',
        description: BINS_DESCRIPTION,
        querystring: BinsQuerySchema,
        response: {
          200: {
            description: 'bins as parallel arrays (JSON), or Int32 triplets',
            content: {
              'application/json': { schema: BinsSchema },
              'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const { zoom, detail = 5, shape = 'square', bbox, from, to, category, source } = request.query;
      if (zoom + detail > 30)
        throw badQuery('detail', `zoom + detail must be at most 30 (2^30 cells across the world), got ${zoom} + ${detail}`);
      const filter = reportFilterFromQuery({ bbox, from, to, category, source });
      const binary = /application\/octet-stream/.test(request.headers.accept ?? '');
      const bins = await cachedAnswer(app, request, reply, binary ? 'binary' : 'json', (snapshot) =>
        reportBins(snapshot, { zoom, detail, shape, filter }),
      );
      if (!bins || !binary) return bins;
      const triplets = new Int32Array(3 * bins.bins);
      for (let i = 0; i < bins.bins; i++) triplets.set([bins.x[i], bins.y[i], bins.count[i]], 3 * i);
      const bytes = Buffer.from(triplets.buffer);
      if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) bytes.swap32(); // the format promises little-endian
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-citygrid-count', String(bins.bins))
        .header('x-citygrid-cells-per-world', String(bins.cells_per_world))
        .send(bytes);
    },
  );

  app.get(
    '/api/stats/hotspots',
    {
      schema: {
        tags: ['stats'],
        summary: 'Hot and cold spots: Getis–Ord Gi* per grid over grid adjacency',
        description: HOTSPOTS_DESCRIPTION,
        querystring: HotspotsQuerySchema,
        response: { 200: HotspotsSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { value = 'density', from, to, category, source } = request.query;
      const filter = reportFilterFromQuery({ from, to, category, source });
      return cachedAnswer(app, request, reply, '', (snapshot) => reportHotspots(snapshot, filter, value), { json: true });
    },
  );
};

/** The window, filter and buckets `GET /api/stats` and `GET /api/stats/categories` share, read from their query; throws a 400 naming a bad parameter. */
function windowFilter(
  query: { from?: string; to?: string; category?: string; source?: string; bucket?: Bucket; tz?: string },
  cityTz: string,
) {
  const { from, to, category, source, bucket } = query;
  const filter = reportFilterFromQuery({ from, to, category, source });
  // Without tz, the city's: its offset at the window's start (a zone with daylight saving
  // shifts by an hour inside a window that crosses the change; buckets keep one offset).
  const tz = query.tz ?? offsetLabel(offsetMinutes(cityTz, filter.fromMs ?? Date.now()));
  const tzMinutes = parseOffset(tz);
  if (tzMinutes === null) throw badQuery('tz', `must be a UTC offset such as +08:00 or Z, got ${JSON.stringify(tz)}`);
  return { bucket, tzMinutes, fromMs: filter.fromMs, toMs: filter.toMs, categories: filter.categories, sources: filter.sources };
}

/** A 400 naming one query parameter. */
function badQuery(name: string, complaint: string): ServerError {
  return serverError([problem('CG_ERR_VALIDATION', {}, `querystring/${name}`, complaint)]);
}

export default stats;
