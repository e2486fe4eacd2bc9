import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problem, serverError, type ServerError } from '../errors/catalogue.ts';
import { reportFilterFromQuery } from './report-filter-from-query.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import {
  ContactSchema,
  ReportParamsSchema,
  ReportSchema,
  REPORTS_DESCRIPTION,
  ReportFilterQuerySchema,
  ReportsBodySchema,
  ReportsCreatedSchema,
  ReportsPageSchema,
  ReportsQuerySchema,
} from './report-schemas.ts';
import { negotiateFormat, MEDIA_TYPES } from './negotiate-format.ts';
import { decodeCursor } from '../db/cursor.ts';
import { gridsOfUnit } from '../areas/level-units.ts';
import type { ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';
import { sendExport } from './send-export.ts';

// 10,000 reports are ~1.5 MB compact and ~2.5 MB pretty-printed; 4 MiB fits either with room.
const REPORTS_BODY_LIMIT = 4 * 1024 * 1024;
const DEFAULT_LIMIT = 100;

const LIST_DESCRIPTION =
  'Filtered by bbox, grid (or a community or street with `level`), category, source and time. ' +
  'JSON (the default): a page ordered by (created_at, id); pass `next` back as `cursor` for the following page, null on the last. ' +
  '`format=csv|geojson|parquet` (or `Accept: text/csv`, `application/geo+json`, `application/vnd.apache.parquet`; `format` wins) exports ' +
  'every matching report in the same order as a file, streamed (DuckDB COPY to a temporary file), with its row count in x-citygrid-count; ' +
  'exports are not paged, so cursor and limit are refused with them.';

/** A 400 naming one query parameter. */
function badQuery(name: string, complaint: string): ServerError {
  return serverError([problem('CG_ERR_VALIDATION', {}, `querystring/${name}`, complaint)]);
}

/** Report intake (routed to grids on arrival) and queries. */
const reports: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/reports',
    {
      config: { role: 'reporter' },
      bodyLimit: REPORTS_BODY_LIMIT,
      schema: {
        tags: ['reports'],
        summary: 'Submit reports (one or a batch), routed to their grids',
        description: REPORTS_DESCRIPTION,
        body: ReportsBodySchema,
        response: { 201: ReportsCreatedSchema, ...errorResponses(400, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const batch = Array.isArray(body);
      const routed = await app.store.reports.insertReports(batch ? body : [body], { label: batch ? (i) => `body/${i}` : () => 'body' });
      return reply.code(201).send({ reports: routed });
    },
  );

  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'One report',
        params: ReportParamsSchema,
        response: { 200: ReportSchema, ...errorResponses(404) },
      },
    },
    async (request) => (await app.store.reports.report(request.params.id)).report,
  );

  app.get(
    '/api/reports/:id/contact',
    {
      // Operators (受理员) and supervisors (值班长) call reporters back; nobody else, and never a
      // public read (the contact stays out of every other answer). Admin passes any route.
      config: { role: ['operator', 'supervisor'] },
      schema: {
        tags: ['reports'],
        summary: 'Who reported it (name, phone, email …), for operators',
        params: ReportParamsSchema,
        response: { 200: ContactSchema, ...errorResponses(404) },
      },
    },
    async (request) => ({ contact: (await app.store.reports.report(request.params.id)).contact }),
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'List reports, paged; or export them all as CSV, GeoJSON or Parquet',
        description: LIST_DESCRIPTION,
        querystring: ReportsQuerySchema,
        response: {
          200: {
            description: 'a page (JSON), or every matching report as a file',
            headers: { 'x-citygrid-count': Type.Integer({ description: 'exports only: rows in the file' }) },
            content: {
              [MEDIA_TYPES.json]: { schema: ReportsPageSchema },
              [MEDIA_TYPES.csv]: {
                schema: Type.String({
                  description: 'header line, then id,lon,lat,category,source,created_at,grid_id,routed_version,routed_grid_id',
                }),
              },
              [MEDIA_TYPES.geojson]: {
                schema: Type.Unsafe<string>({ type: 'string', description: 'a FeatureCollection of Points, properties as the JSON page' }),
              },
              [MEDIA_TYPES.parquet]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const { cursor, limit, level, grid } = request.query;
      const format = negotiateFormat(request.query.format, request.headers.accept);
      const filter = reportFilterFromQuery(request.query);
      if (level !== undefined && grid === undefined)
        throw badQuery('level', 'names what `grid` is (a grid, community or street id): give grid=<id> with it, or leave level out');
      const withUnit = (snapshot: Snapshot): ReportFilter =>
        level === undefined || level === 'grid'
          ? filter
          : { ...filter, grid: undefined, grids: snapshot.gridSet ? gridsOfUnit(snapshot.gridSet, snapshot.hierarchy, level, grid!) : [] };
      if (format !== 'json') {
        if (cursor !== undefined || limit !== undefined)
          throw badQuery(
            cursor !== undefined ? 'cursor' : 'limit',
            `exports are not paged: a ${format} export holds every matching report; drop cursor and limit`,
          );
        return sendExport(app, reply, format, withUnit);
      }
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null) throw badQuery('cursor', 'is not a cursor from this server; pass `next` from the previous page unchanged');
      const page = { limit: limit ?? DEFAULT_LIMIT, after };
      return app.store.reports.queryReports(level === undefined || level === 'grid' ? filter : withUnit, page);
    },
  );

  app.get(
    '/api/reports/points',
    {
      schema: {
        tags: ['reports'],
        summary: 'Report positions for the heatmap (binary)',
        description:
          'Little-endian Float32Array, interleaved [lon, lat, lon, lat, …] in WGS84 degrees; header x-citygrid-count holds the number of points. ' +
          '200k points are 1.6 MB this way against ~16 MB as JSON. In the browser: new Float32Array(await response.arrayBuffer()).',
        querystring: ReportFilterQuerySchema,
        response: {
          200: {
            description: 'interleaved float32 lon/lat pairs',
            headers: { 'x-citygrid-count': Type.Integer({ description: 'number of points (bytes / 8)' }) },
            content: { 'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const points = await app.store.reports.reportPoints(reportFilterFromQuery(request.query));
      const bytes = Buffer.from(points.buffer, points.byteOffset, points.byteLength);
      // Typed arrays use the platform's byte order; the format promises little-endian.
      if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) bytes.swap32();
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-citygrid-count', String(points.length / 2))
        .send(bytes);
    },
  );
};

export default reports;
