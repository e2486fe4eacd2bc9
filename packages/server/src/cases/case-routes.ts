import { CitygridError } from '@citygrid/core';
import { decodeUtf8 } from '../http/decode-utf8.ts';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problem, serverError } from '../errors/catalogue.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import { parseIsoTime } from '../reports/parse-iso-time.ts';
import { CASE_KEY_ROLES } from '../auth/roles.ts';
import { decodeCaseCursor } from './case-cursor.ts';
import type { CaseFilter } from './case-filter.ts';
import {
  AuditSchema,
  CaseActedSchema,
  CaseCreatedSchema,
  CaseDetailSchema,
  CaseEventBodySchema,
  CaseParamsSchema,
  CasesPageSchema,
  CasesQuerySchema,
  CreateCaseBodySchema,
  ImportedSchema,
  type CasesQuery,
} from './case-schemas.ts';
import { requesterOf } from './requester.ts';
import stageCounts from './stage-count-routes.ts';

const DEFAULT_LIMIT = 100;
// An import is a city's whole history from its old platform: ~1 KB a case, so 64 MiB is
// ~60,000 cases a request; a bigger history goes in several files.
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const EVENTS_DESCRIPTION =
  "Takes one action of the profile's workflow on the case, checked by core's applyAction in this order: the action exists (400 CG_ERR_ACTION_UNKNOWN); " +
  "the key's role may take it (403 CG_ERR_ACTION_FORBIDDEN) and the case is in its scope (403 CG_ERR_CASE_OUT_OF_SCOPE: a department key acts on its " +
  "department's cases, an inspector key on its grids'); `expected_version` is the case's (409 CG_ERR_STALE_VERSION: of two dispatchers who saw one " +
  'version, exactly one wins); the stage allows it now (422 CG_ERR_ACTION_NOT_ALLOWED, naming the actions allowed); its fields are there (400 ' +
  'CG_ERR_ACTION_FIELD). The event is appended to the case log, chained by SHA-256, and 201 is answered only after COMMIT.';

/** Cases: open, list, read, act on, import; and the audit of their event log. */
const cases: FastifyPluginAsyncTypebox = async (app) => {
  // Decoded strictly: a history exported as GBK must be refused, not stored as U+FFFD.
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
    const text = decodeUtf8(body as Buffer, 'body');
    return typeof text === 'string' ? done(null, text) : done(new CitygridError([text]), undefined);
  });

  app.post(
    '/api/cases',
    {
      config: { role: ['operator', 'supervisor'] },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['cases'],
        summary: 'Open a case from stored reports, or from a new report',
        description:
          "The first report gives category, place, grid and the department dispatch proposes; the case starts in the workflow's initial stage with its clock running. 404 for a report not stored, 409 for one that already has a case.",
        body: CreateCaseBodySchema,
        response: { 201: CaseCreatedSchema, ...errorResponses(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send({ case: await app.store.cases.open(request.body, requesterOf(request)) }),
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'List cases, overdue first, paged',
        description:
          "Overdue cases first (judged at the first page's time, which the cursor carries on), then by due time (none last), then id. " +
          "A department key sees only its department's cases, an inspector key only its grids'. Pass `next` back as `cursor`.",
        querystring: CasesQuerySchema,
        response: { 200: CasesPageSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const after = cursor === undefined ? undefined : decodeCaseCursor(cursor);
      if (after === null) throw badQuery('cursor', 'is not a cursor from this server; pass `next` from the previous page unchanged');
      return app.store.cases.list(caseFilter(request.query), { limit: limit ?? DEFAULT_LIMIT, after }, requesterOf(request));
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its whole history and its reports',
        params: CaseParamsSchema,
        response: { 200: CaseDetailSchema, ...errorResponses(403, 404) },
      },
    },
    async (request) => app.store.cases.get(request.params.id, requesterOf(request)),
  );

  app.post(
    '/api/cases/:id/events',
    {
      config: { role: CASE_KEY_ROLES },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['cases'],
        summary: 'Take an action on a case',
        description: EVENTS_DESCRIPTION,
        params: CaseParamsSchema,
        body: CaseEventBodySchema,
        response: { 201: CaseActedSchema, ...errorResponses(400, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await app.store.cases.act(request.params.id, request.body, requesterOf(request))),
  );

  app.post(
    '/api/cases/import',
    {
      config: { role: 'admin' },
      bodyLimit: IMPORT_BODY_LIMIT,
      // JSON would parse, then fail the schema as "must be string": say what to send instead.
      preValidation: async (request) => {
        if (!/^application\/x-ndjson\b/i.test(request.headers['content-type'] ?? '')) {
          throw serverError([
            {
              ...problem('CG_ERR_UNSUPPORTED_MEDIA', {}, JSON.stringify(request.headers['content-type'] ?? 'none')),
              fix: 'send the histories as application/x-ndjson: one JSON object per line, {"opening": …, "events": […]}',
            },
          ]);
        }
      },
      schema: {
        tags: ['cases'],
        summary: 'Import case histories (NDJSON), all or nothing',
        description:
          'Content-Type application/x-ndjson, one case a line: {"opening": <CaseOpening, at as ISO 8601>, "events": [<CaseEvent, at as ISO 8601, actor {role, department?, grids?}>]}. ' +
          "Every history is replayed through the workflow (core's replayCase): transitions, roles, scopes, times never going back. If any line fails, nothing is " +
          'imported and every problem is listed with its `line`. Imported events are appended to the log and chained like any other; the live feed does not announce them.',
        body: Type.String({ description: 'NDJSON' }),
        response: { 201: ImportedSchema, ...errorResponses(400, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send({ imported: await app.store.cases.importCases(request.body, requesterOf(request)) }),
  );

  // Open cases per stage (the wall's funnel): its own file, registered with the other case routes.
  await app.register(stageCounts);

  app.get(
    '/api/audit/verify',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['cases'],
        summary: "Recompute the case log's hash chain",
        description:
          "Reads every case event in seq order, in one snapshot, and checks each one's link to the one before and the SHA-256 of its content; names the first that breaks. Also `citygrid audit verify --db f`.",
        response: { 200: AuditSchema },
      },
    },
    async () => app.store.cases.verify(),
  );
};

/** The list filter of a query: comma lists, the time range. */
function caseFilter(q: CasesQuery): CaseFilter {
  return {
    stages: list(q.stage),
    grids: list(q.grid),
    levels: list(q.level),
    departments: list(q.department),
    overdue: q.overdue,
    fromMs: time('from', q.from),
    toMs: time('to', q.to),
  };
}

function time(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseIsoTime(text);
  if (ms === null) throw badQuery(name, `must be an ISO 8601 date or date-time, got ${JSON.stringify(text.slice(0, 40))}`);
  return ms;
}

function list(text: string | undefined): string[] | undefined {
  const items = text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

function badQuery(name: string, complaint: string) {
  return serverError([problem('CG_ERR_VALIDATION', {}, `querystring/${name}`, complaint)]);
}

export default cases;
