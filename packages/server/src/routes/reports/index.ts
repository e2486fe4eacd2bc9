import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CitygridError, problem } from '@citygrid/core';
import { reportFilterFromQuery } from '../../query/report-filter-from-query.ts';
import { errorResponses } from '../../schemas/errors.ts';
import { REPORTS_DESCRIPTION, ReportFilterQuerySchema, ReportsBodySchema, ReportsCreatedSchema, ReportsPageSchema, ReportsQuerySchema } from '../../schemas/reports.ts';
import { decodeCursor } from '../../store/cursor.ts';

// 10,000 reports are ~1.5 MB compact and ~2.5 MB pretty-printed; 4 MiB fits either with room.
const REPORTS_BODY_LIMIT = 4 * 1024 * 1024;
const DEFAULT_LIMIT = 100;

/** Report intake (routed to grids on arrival) and queries. */
const reports: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/reports',
    {
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
      const routed = await app.store.insertReports(batch ? body : [body], { label: batch ? (i) => `body/${i}` : () => 'body' });
      return reply.code(201).send({ reports: routed });
    },
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'List reports, paged',
        description: 'Ordered by (created_at, id). Pass `next` back as `cursor` for the following page; it is null on the last.',
        querystring: ReportsQuerySchema,
        response: { 200: ReportsPageSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const filter = reportFilterFromQuery(request.query);
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null) throw new CitygridError([problem('CG_ERR_VALIDATION', {}, 'querystring/cursor', 'is not a cursor from this server; pass `next` from the previous page unchanged')]);
      return app.store.queryReports(filter, { limit: limit ?? DEFAULT_LIMIT, after });
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
      const points = await app.store.reportPoints(reportFilterFromQuery(request.query));
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
