import { PassThrough } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problem, serverError } from '../errors/catalogue.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import {
  CaseLiveEventSchema,
  ReadyEventSchema,
  ReportEventSchema,
  StatsEventSchema,
  StreamQuerySchema,
  type StreamQuery,
} from './live-schemas.ts';

const EVENT_TYPES = ['report', 'stats', 'case'] as const;

const DESCRIPTION =
  'Server-Sent Events (text/event-stream). Every stored report is one `event: report` whose `id` is its `seq` (storage order: ' +
  '1, 2, 3 …) and whose data is the report with the grid that routed it on arrival. Every `statsInterval` (10 s) an `event: ' +
  'stats` counts, per grid, the reports the connection passed since its previous stats event (`since` < seq ≤ `through`; its ' +
  'id is `through`). The first event is `event: ready` with `after` (events follow from seq after + 1) and `last`. A comment ' +
  'line every 15 s keeps proxies from closing an idle connection. To resume, send the last id received as the Last-Event-ID ' +
  'header (EventSource does so by itself when it reconnects) or as ?lastEventId=: the reports stored in between are replayed ' +
  'from the database, in order, none missed and none twice. Without either, the feed starts at the newest report. A client ' +
  'that reads too slowly is not buffered without bound: the server stops writing until it catches up and drops it after 30 s ' +
  'of a full buffer; it then resumes with Last-Event-ID. Every committed case event (opened, acted on, a report joined; ' +
  'not an import) is one `event: case` { case_id, seq, action, stage, version, department, grid_id, overdue }, live only: it carries no id, ' +
  'is not replayed on reconnect (read GET /api/cases then), and a department or inspector key hears only its own cases. ' +
  'Filters: category (reports), grid (reports as routed on arrival, cases by grid), events=report,stats,case.';

/** GET /api/stream: the live feed of stored reports and per-grid counts. */
const stream: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/stream',
    {
      config: { role: 'viewer' },
      // A compressed event stream would sit in the compressor's buffer instead of reaching the client.
      compress: false,
      schema: {
        tags: ['reports'],
        summary: 'Live feed of stored reports and per-grid counts (Server-Sent Events)',
        description: DESCRIPTION,
        querystring: StreamQuerySchema,
        headers: Type.Object({
          'last-event-id': Type.Optional(Type.String({ description: 'the last event id received: resume after it' })),
        }),
        response: {
          200: {
            description: 'an endless text/event-stream: events `ready`, `report`, `stats`, `case`',
            content: {
              'text/event-stream': {
                schema: Type.Unsafe<string>({
                  type: 'string',
                  description: 'frames `id: <seq>\\nevent: <type>\\ndata: <JSON>\\n\\n`; JSON of each type as in x-events',
                  'x-events': { ready: ReadyEventSchema, report: ReportEventSchema, stats: StatsEventSchema, case: CaseLiveEventSchema },
                  examples: [
                    'id: 42\nevent: report\ndata: {"seq":42,"id":"hotline-0001","lon":109.0312,"lat":32.6871,"category":"09006","source":"12345","created_at":"2026-03-01T08:30:00.000Z","grid_id":"610902001008001","version":1}\n\n',
                  ],
                }),
              },
            },
          },
          ...errorResponses(400, 401, 403, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { after, reset } = resumePoint(request.headers['last-event-id'], request.query, app.feed.last);
      const out = new PassThrough({ highWaterMark: 64 * 1024 });
      const key = request.apiKey;
      const caseScope =
        key?.role === 'department'
          ? { department: key.department ?? '' }
          : key?.role === 'inspector'
            ? { grids: key.grids ?? [] }
            : undefined;
      app.feed.connect(out, {
        after,
        reset,
        filter: { categories: list(request.query.category), grids: list(request.query.grid) },
        events: eventTypes(request.query.events),
        caseScope,
      });
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no') // nginx: pass events through, do not buffer them
        .send(out as never); // the schema documents the frames; the body is the stream
    },
  );
};

/** Where a connection starts: after Last-Event-ID (header, else ?lastEventId=), else after the newest report. */
function resumePoint(header: string | string[] | undefined, query: StreamQuery, last: number): { after: number; reset: boolean } {
  const text = typeof header === 'string' && header.trim() !== '' ? header.trim() : query.lastEventId;
  if (text === undefined) return { after: last, reset: false };
  if (!/^[0-9]{1,15}$/.test(text)) {
    throw serverError([
      problem(
        'CG_ERR_VALIDATION',
        {},
        'headers/last-event-id',
        `must be an event id from this feed (a whole number), got ${JSON.stringify(text.slice(0, 40))}`,
      ),
    ]);
  }
  const after = Number(text);
  return after > last ? { after: last, reset: true } : { after, reset: false };
}

function list(text: string | undefined): string[] | undefined {
  const items = text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

function eventTypes(text: string | undefined): { report: boolean; stats: boolean; case: boolean } {
  const wanted = list(text) ?? [...EVENT_TYPES];
  const unknown = wanted.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length)
    throw serverError([
      problem(
        'CG_ERR_VALIDATION',
        {},
        'querystring/events',
        `must list some of report, stats, case; got ${JSON.stringify(unknown.join(','))}`,
      ),
    ]);
  return { report: wanted.includes('report'), stats: wanted.includes('stats'), case: wanted.includes('case') };
}

export default stream;
