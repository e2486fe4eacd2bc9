import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PROFILE } from '@citygrid/core';
import { fixture } from '../helper.ts';

/**
 * fast-check properties over every write endpoint and input parser: whatever is sent, the
 * answer is never a 5xx, never shows a stack trace or a file path, every refusal is a catalogue
 * error with a fix, and a refused request leaves the store as it was. Shared by the suite
 * (test/fuzz/fuzz.test.ts, a few hundred runs) and `pnpm bench fuzz` (10,000 and more).
 */

/** One fuzzed request. */
interface Sent {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer;
}

const REPORT = { id: 'seed', lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00+08:00' };
const PERSON = { id: 'P1', name: '张伟', role: 'grid-head', grids: ['A1'] };

// Text that has broken something before: lone surrogates, NUL, formulas, RTL, huge numbers.
const nasty = fc.constantFrom(
  'sur\ud800x',
  '\udc00',
  '\u0000',
  '=HYPERLINK("x")',
  '../../etc/passwd',
  '\u202e',
  '9'.repeat(400),
  '0x6d',
  '1e309',
  '__proto__',
  '',
  ' ',
  '9999-01-01',
  '2006-05-01',
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** A valid body with one field replaced, removed or added, or its items so changed. */
function mutated(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(sample);
  return fc.oneof(
    fc.record({ k: fc.constantFrom(...keys), v: value }).map(({ k, v }) => ({ ...sample, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(sample).filter(([key]) => key !== k))),
    fc.record({ k: fc.oneof(fc.string(), nasty), v: value }).map(({ k, v }) => ({ ...sample, [k]: v })),
    fc
      .array(fc.record({ k: fc.constantFrom(...keys), v: value }), { minLength: 1, maxLength: 3 })
      .map((edits) => edits.map(({ k, v }, i) => ({ ...sample, id: `m${i}`, [k]: v }))),
  );
}

/** A JSON body: mutated from a valid one, any JSON, text that is not JSON, or bytes that are not UTF-8. */
function jsonBody(sample: Record<string, unknown>): fc.Arbitrary<{ payload: string | Buffer; type: string }> {
  const json = (v: unknown) => ({ payload: JSON.stringify(v) ?? 'null', type: 'application/json' });
  return fc.oneof(
    { weight: 4, arbitrary: mutated(sample).map(json) },
    { weight: 1, arbitrary: fc.jsonValue().map(json) },
    { weight: 1, arbitrary: fc.string().map((s) => ({ payload: s, type: 'application/json' })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => ({ payload: Buffer.from(b), type: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 50, max: 3000 }).map((d) => ({ payload: `${'['.repeat(d)}${']'.repeat(d)}`, type: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'text/csv').map((type) => ({ payload: 'a=1', type })),
    },
  );
}

/** A multipart body of random parts (names, types, bytes). */
const multipart = fc
  .array(
    fc.record({
      name: fc.oneof(fc.string(), nasty),
      type: fc.constantFrom('image/jpeg', 'image/png', 'text/plain', ''),
      bytes: fc.uint8Array({ maxLength: 64 }),
    }),
    { maxLength: 3 },
  )
  .map((parts) => {
    const boundary = 'fuzzboundary';
    const chunks = parts.flatMap((p) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.name.replace(/["\r\n]/g, '_')}"\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
      Buffer.from(p.bytes),
      Buffer.from('\r\n'),
    ]);
    return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
  });

const ndjson = fc
  .array(
    fc.oneof(
      mutated({ opening: { id: 'c-import', at: '2024-05-01T08:00:00Z', category: '06010' }, events: [] }).map((v) => JSON.stringify(v)),
      fc.string(),
    ),
    { maxLength: 4 },
  )
  .map((lines) => ({ payload: lines.join('\n'), type: 'application/x-ndjson' }));

/** Every write endpoint with what it is fed. */
export function writeRequests(caseId: string): fc.Arbitrary<Sent>[] {
  const at =
    (method: Sent['method'], url: string) =>
    (b: { payload: string | Buffer; type: string }): Sent => ({
      method,
      url,
      headers: { 'content-type': b.type },
      payload: b.payload,
    });
  const grids = fixture<Record<string, unknown>>('grid-2x2/grids.geojson');
  return [
    jsonBody(REPORT).map(at('POST', '/api/reports')),
    jsonBody(grids).map(at('POST', '/api/grids?publish=false')),
    jsonBody({ ...DEFAULT_PROFILE, name: 'fuzz' }).map(at('PUT', '/api/profile')),
    jsonBody(PERSON).map(at('POST', '/api/people')),
    jsonBody({ name: '李娜', active: false }).map(at('PATCH', '/api/people/P1')),
    jsonBody({ action: 'accept', expected_version: 1, note: 'x' }).map(at('POST', `/api/cases/${caseId}/events`)),
    jsonBody({ report_ids: ['seed'] }).map(at('POST', '/api/cases')),
    ndjson.map(at('POST', '/api/cases/import')),
    multipart.map(at('POST', '/api/reports/seed/attachments')),
    jsonBody({ reason: 'fuzz' }).map(at('POST', '/api/reports/seed/redact')),
  ];
}

/** The app with the 2×2 grids, one report, one person and one case: every endpoint has something to act on. */
export async function fuzzTarget(app: FastifyInstance): Promise<string> {
  const send = async (method: Sent['method'], url: string, payload: unknown) => {
    const res = await app.inject({ method, url, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${res.body}`);
    return res.json();
  };
  await send('POST', '/api/grids', fixture('grid-2x2/grids.geojson'));
  await send('POST', '/api/reports', REPORT);
  await send('POST', '/api/people', PERSON);
  await send('POST', '/api/reports', { ...REPORT, id: 'in-case' });
  return (await send('POST', '/api/cases', { report_ids: ['in-case'] })).case.id as string;
}

/** What a refused request must not change: every table a write endpoint touches. */
async function storeState(app: FastifyInstance): Promise<string> {
  const get = async (url: string) => (await app.inject(url)).json();
  // Only what is stored: a case's clock fields (remaining time, overdue) move with the time of the read.
  const cases = (await get('/api/cases?limit=1000')).cases as { id: string; version: number; stage: string }[];
  return JSON.stringify([
    await get('/health?detail=1'),
    await get('/api/grids/versions'),
    (await get('/api/profile')).version,
    await get('/api/people'),
    cases.map((c) => [c.id, c.version, c.stage]),
    await get('/api/reports/seed'),
    await get('/api/reports/seed/attachments'),
  ]);
}

// A stack frame, a source file or an absolute path in an answer gives the internals away.
const INTERNALS = /\n\s+at |\.ts\b|\.js:\d|node_modules|\/work\/|\/home\/|\/tmp\//;

/** Checks one answer; throws naming what broke. */
function checkAnswer(sent: Sent, status: number, body: string, before: string, after: string): void {
  const where = `${sent.method} ${sent.url} ${sent.headers['content-type']}`;
  if (status >= 500) throw new Error(`${where}: ${status} ${body.slice(0, 300)}`);
  if (INTERNALS.test(body)) throw new Error(`${where}: internals in the answer: ${body.slice(0, 300)}`);
  if (status < 400) return;
  let error: { error?: unknown; fix?: unknown; message?: unknown };
  try {
    error = JSON.parse(body);
  } catch {
    throw new Error(`${where}: ${status} is not JSON: ${body.slice(0, 200)}`);
  }
  if (
    typeof error.error !== 'string' ||
    !error.error.startsWith('CG_ERR_') ||
    typeof error.fix !== 'string' ||
    !error.fix ||
    typeof error.message !== 'string'
  )
    throw new Error(`${where}: ${status} is not a catalogue error with a fix: ${body.slice(0, 300)}`);
  if (before !== after) throw new Error(`${where}: refused with ${status} ${error.error}, yet the store changed`);
}

/**
 * Runs the properties: `runs` requests per endpoint. Throws (fast-check's report, with the
 * shrunk request) at the first answer that breaks a rule.
 * @example await fuzzWrites(app, await fuzzTarget(app), 50)
 */
export async function fuzzWrites(app: FastifyInstance, caseId: string, runs: number, seed?: number): Promise<number> {
  let sent = 0;
  let state = await storeState(app);
  for (const requests of writeRequests(caseId)) {
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const res = await app.inject(request);
        sent++;
        const after = await storeState(app);
        checkAnswer(request, res.statusCode, res.body, state, after);
        state = after;
      }),
      { numRuns: runs, seed },
    );
  }
  return sent;
}
