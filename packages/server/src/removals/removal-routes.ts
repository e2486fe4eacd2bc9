import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { ReportParamsSchema } from '../reports/report-schemas.ts';
import { DeleteReportQuerySchema, RedactReportBodySchema, RemovalSchema, RemovalsSchema } from './removal-schemas.ts';

/**
 * Taking a report back, for admins: one bad record (a typo'd year, a reporter's phone number in
 * the description) must be removable without touching the database by hand. Both actions are
 * recorded with the key that asked and the reason (GET /api/reports/removals).
 */
const removals: FastifyPluginAsyncTypebox = async (app) => {
  app.delete(
    '/api/reports/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['reports'],
        summary: 'Delete a report (admin), with a reason',
        description:
          'Removes the report, its contact, Open311 extras and photo links in one transaction and records who and why. A report in a case is 409 CG_ERR_REPORT_HAS_CASE: redact it instead.',
        params: ReportParamsSchema,
        querystring: DeleteReportQuerySchema,
        response: { 200: RemovalSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => app.store.reports.remove(request.params.id, 'delete', request.query.reason, request.apiKey?.id ?? null),
  );

  app.post(
    '/api/reports/:id/redact',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['reports'],
        summary: 'Redact a report (admin): drop its text, contact and photos, keep its point',
        description:
          'Clears description, address and attributes, deletes the contact, Open311 extras and photo links, and keeps position, category, source and times, so counts and cases stay true. Recorded with who and why.',
        params: ReportParamsSchema,
        body: RedactReportBodySchema,
        response: { 200: RemovalSchema, ...errorResponses(400, 404, 415) },
      },
    },
    async (request) => app.store.reports.remove(request.params.id, 'redact', request.body.reason, request.apiKey?.id ?? null),
  );

  app.get(
    '/api/reports/removals',
    {
      config: { role: 'admin' },
      schema: { tags: ['reports'], summary: 'Every report deleted or redacted: who, why, when (admin)', response: { 200: RemovalsSchema } },
    },
    async () => ({ removals: await app.store.reports.removals() }),
  );
};

export default removals;
