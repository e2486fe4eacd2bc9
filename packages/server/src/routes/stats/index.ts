import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CitygridError, problem } from '@citygrid/core';
import { reportFilterFromQuery } from '../../query/report-filter-from-query.ts';
import { errorResponses } from '../../schemas/errors.ts';
import { ReportFilterQuerySchema } from '../../schemas/reports.ts';
import { BinsQuerySchema, BinsSchema, GridStatsSchema, HotspotsQuerySchema, HotspotsSchema, StatsQuerySchema, StatsSchema } from '../../schemas/stats.ts';
import { reportBins } from '../../store/report-bins.ts';
import { reportHotspots } from '../../store/report-hotspots.ts';
import { reportStats } from '../../store/report-stats.ts';
import { parseOffset } from '../../store/time-buckets.ts';
import { cachedAnswer } from './cached.ts';

const CACHING = 'Answers carry a weak ETag (grid version, report count and last arrival, query) and `Cache-Control: private, no-cache`: send If-None-Match to get 304 without recounting.';

const STATS_DESCRIPTION =
  'Counts per unit of a level (grid, community, street) over a window [from, to) and over the previous window of the same length, with ' +
  'per_km2 (of the unit\'s grids\' area), change = (count − previous) / previous (null when previous is 0) and rank by per_km2. ' +
  'With bucket=day|week|month, a count per bucket in total and per unit (cut at local midnight of `tz`, default +08:00) for charts and playback. ' +
  'One DuckDB query counts both windows and every bucket. ' + CACHING;

const BINS_DESCRIPTION =
  'Reports binned for zoomed-out maps: Web Mercator cells of the tile pyramid, 2^(zoom+detail) across the world (tile-aligned squares, ' +
  'or pointy-top hexagons of the same area in axial q, r), counted by DuckDB with GROUP BY on a computed cell id. Compact: parallel arrays. ' +
  '`Accept: application/octet-stream` answers little-endian Int32 triplets [x, y, count] instead. ' + CACHING;

const HOTSPOTS_DESCRIPTION =
  'Getis–Ord Gi* per grid of the current version: each grid with the grids sharing a border with it (binary weights, itself included), ' +
  'as a z-score with a two-sided p-value and a class: hot or cold at 90/95/99 % (p < 0.10/0.05/0.01). On reports per km² by default. ' + CACHING;

/** Aggregations for the command centre's choropleth, rankings, charts and hotspot map. */
const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/stats/grids',
    {
      schema: {
        tags: ['stats'],
        summary: 'Reports per grid',
        description: 'Every grid with its report count and density (per km² of ellipsoidal area) over the filter, grids with 0 included, plus the total and how many fell outside every grid.',
        querystring: ReportFilterQuerySchema,
        response: { 200: GridStatsSchema, ...errorResponses(400) },
      },
    },
    async (request) => app.store.gridStats(reportFilterFromQuery(request.query)),
  );

  app.get(
    '/api/stats',
    { schema: { tags: ['stats'], summary: 'Counts, density, change and ranking per grid, community or street; series for charts', description: STATS_DESCRIPTION, querystring: StatsQuerySchema, response: { 200: StatsSchema, ...errorResponses(400) } } },
    async (request, reply) => {
      const { level = 'grid', bucket, tz = '+08:00', from, to, category, source } = request.query;
      const filter = reportFilterFromQuery({ from, to, category, source });
      const tzMinutes = parseOffset(tz);
      if (tzMinutes === null) throw badQuery('tz', `must be a UTC offset such as +08:00 or Z, got ${JSON.stringify(tz)}`);
      const query = { level, bucket, tzMinutes, fromMs: filter.fromMs, toMs: filter.toMs, categories: filter.categories, sources: filter.sources };
      return cachedAnswer(app, request, reply, '', (snapshot) => reportStats(snapshot, query));
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
            content: { 'application/json': { schema: BinsSchema }, 'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const { zoom, detail = 5, shape = 'square', bbox, from, to, category, source } = request.query;
      if (zoom + detail > 30) throw badQuery('detail', `zoom + detail must be at most 30 (2^30 cells across the world), got ${zoom} + ${detail}`);
      const filter = reportFilterFromQuery({ bbox, from, to, category, source });
      const binary = /application\/octet-stream/.test(request.headers.accept ?? '');
      const bins = await cachedAnswer(app, request, reply, binary ? 'binary' : 'json', (snapshot) => reportBins(snapshot, { zoom, detail, shape, filter }));
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
    { schema: { tags: ['stats'], summary: 'Hot and cold spots: Getis–Ord Gi* per grid over grid adjacency', description: HOTSPOTS_DESCRIPTION, querystring: HotspotsQuerySchema, response: { 200: HotspotsSchema, ...errorResponses(400) } } },
    async (request, reply) => {
      const { value = 'density', from, to, category, source } = request.query;
      const filter = reportFilterFromQuery({ from, to, category, source });
      return cachedAnswer(app, request, reply, '', (snapshot) => reportHotspots(snapshot, filter, value));
    },
  );
};

/** A 400 naming one query parameter. */
function badQuery(name: string, complaint: string): CitygridError {
  return new CitygridError([problem('CG_ERR_VALIDATION', {}, `querystring/${name}`, complaint)]);
}

export default stats;
