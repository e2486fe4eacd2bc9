// GET /api/stream over real HTTP on 127.0.0.1 (an event stream never ends, so app.inject
// cannot read it). Every wait is bounded: a missing event fails the test in seconds.
import { get, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { describe, expect, test, type TestContext } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseGrids } from '@citygrid/core';
import { openStore, type BuildOptions } from '../../src/index.ts';
import { build, fixture, fixtureReports, tempDir } from '../helper.ts';

const WAIT_MS = 3000;

interface Frame {
  id?: string;
  event?: string;
  data?: unknown;
  comment?: string;
}

/** A Server-Sent Events reader: frames as they arrive, `next` waits for the next matching one. */
interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  frames: Frame[];
  next(event: string, timeout_ms?: number): Promise<Frame>;
  /** Frames of type `event` that arrive within `ms`. */
  during(event: string, ms: number): Promise<Frame[]>;
  close(): void;
}

/** Opens the stream with node's http client (fetch's pool may hold an idle socket open, which keeps app.close() waiting). */
async function open(base: string, path = '/api/stream', headers: Record<string, string> = {}): Promise<Stream> {
  const frames: Frame[] = [];
  let waiters: Array<() => void> = [];
  let read = 0;
  const { req, res } = await new Promise<{ req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
    const req = get(base + path, { headers, agent: false }, (res) => resolve({ req, res }));
    req.on('error', reject);
  });
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      frames.push(parseFrame(text.slice(0, end)));
      text = text.slice(end + 2);
    }
    for (const w of waiters) w();

    waiters = [];
  });
  res.on('error', () => undefined);
  if (res.statusCode !== 200) await new Promise((r) => res.on('end', r));
  const waitFor = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      waiters.push(() => (clearTimeout(timer), resolve()));
    });
  return {
    status: res.statusCode!,
    headers: res.headers,
    frames,
    async next(event, timeout_ms = WAIT_MS) {
      const deadline = Date.now() + timeout_ms;
      for (;;) {
        while (read < frames.length) {
          const f = frames[read++];
          if (f.event === event) return f;
        }
        if (Date.now() >= deadline) throw new Error(`no "${event}" event within ${timeout_ms} ms; got ${JSON.stringify(frames)}`);
        await waitFor(deadline - Date.now());
      }
    },
    async during(event, ms) {
      await new Promise((r) => setTimeout(r, ms));
      const out = frames.slice(read).filter((f) => f.event === event);
      read = frames.length;
      return out;
    },
    close: () => req.destroy(),
  };
}

function parseFrame(text: string): Frame {
  const f: Frame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) f.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) f.id = line.slice(4);
    else if (line.startsWith('event: ')) f.event = line.slice(7);
    else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6));
  }
  return f;
}

/** An app with the 2×2 grids, listening on a free loopback port. */
async function serving(t: TestContext, options: BuildOptions = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await build(t, options);
  const parsed = parseGrids(fixture('grid-2x2/grids.geojson'));
  if (!parsed.ok) throw new Error('fixture');
  await app.store.replaceGrids(parsed.gridSet);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base };
}

const report = (id: string, lon = 109.005, lat = 32.685, category = '06010') => ({
  id,
  lon,
  lat,
  category,
  source: 'app',
  created_at: '2026-03-01T08:00:00Z',
});

async function post(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/reports', payload: body as never, headers });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

describe('GET /api/stream', () => {
  test('sends a stored report with its grid; a reconnect with Last-Event-ID gets exactly the reports it missed', async (t) => {
    const { app, base } = await serving(t);
    const first = await open(base, '/api/stream', { 'accept-encoding': 'gzip, br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    const ready = await first.next('ready');
    expect(ready).toMatchObject({ id: '0', data: { after: 0, last: 0 } });

    await post(app, report('live-1'));
    const live = await first.next('report');
    expect(live).toEqual({
      id: '1',
      event: 'report',
      data: {
        seq: 1,
        id: 'live-1',
        lon: 109.005,
        lat: 32.685,
        category: '06010',
        source: 'app',
        created_at: '2026-03-01T08:00:00.000Z',
        grid_id: 'A1',
        version: 1,
      },
    });
    first.close();

    await post(app, report('missed-1', 109.015, 32.695));
    await post(app, report('missed-2', 109.1, 32.9)); // outside every grid
    await post(app, report('live-1')); // a retry of a stored report is not stored again: no event

    const again = await open(base, '/api/stream', { 'last-event-id': live.id! });
    expect((await again.next('ready')).data).toEqual({ after: 1, last: 3 });
    const replayed = [await again.next('report'), await again.next('report')];
    expect(replayed.map((f) => [f.id, (f.data as { id: string }).id, (f.data as { grid_id: string | null }).grid_id])).toEqual([
      ['2', 'missed-1', 'B2'],
      ['3', 'missed-2', null],
    ]);
    expect(await again.during('report', 300)).toEqual([]);
    await post(app, report('after-1', 109.006, 32.686));
    expect((await again.next('report')).data).toMatchObject({ seq: 4, id: 'after-1' });
    again.close();
  });

  test('?lastEventId= resumes like the header; a batch arrives in order; a connection that saw nothing resumes from its ready id', async (t) => {
    const { app, base } = await serving(t);
    const idle = await open(base);
    const { id } = await idle.next('ready');
    idle.close();
    await post(app, fixtureReports().inputs);
    const resumed = await open(base, `/api/stream?lastEventId=${id}`);
    const got = [];
    for (let i = 0; i < 8; i++) got.push(await resumed.next('report'));
    expect(got.map((f) => (f.data as { id: string }).id)).toEqual(fixtureReports().inputs.map((r) => r.id));
    expect(got.map((f) => Number(f.id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    resumed.close();
  });

  test('filters by category and grid; stats count the passed reports per grid, chained by since/through', async (t) => {
    const { app, base } = await serving(t, { feed: { statsInterval_ms: 100 } });
    const filtered = await open(base, '/api/stream?category=09006&grid=A1,A2');
    const statsOnly = await open(base, '/api/stream?events=stats');
    await filtered.next('ready');
    await statsOnly.next('ready');
    await post(app, [
      report('a', 109.005, 32.685, '09006'),
      report('b', 109.005, 32.685, '06010'),
      report('c', 109.015, 32.695, '09006'),
      report('d', 109.015, 32.685, '09006'),
    ]);
    const passed = [await filtered.next('report'), await filtered.next('report')];
    expect(passed.map((f) => (f.data as { id: string }).id)).toEqual(['a', 'd']);
    const stats = await filtered.next('stats');
    expect(stats).toMatchObject({
      id: '4',
      data: {
        since: 0,
        through: 4,
        total: 2,
        outside: 0,
        grids: [
          { id: 'A1', count: 1 },
          { id: 'A2', count: 1 },
        ],
      },
    });

    const all = await statsOnly.next('stats');
    expect(all.data).toEqual({
      since: 0,
      through: 4,
      total: 4,
      outside: 0,
      grids: [
        { id: 'A1', count: 2 },
        { id: 'A2', count: 1 },
        { id: 'B2', count: 1 },
      ],
    });
    expect(statsOnly.frames.filter((f) => f.event === 'report')).toEqual([]);
    expect(await statsOnly.during('stats', 350)).toEqual([]); // nothing new: no empty stats events
    await post(app, report('e', 109.1, 32.9));
    expect((await statsOnly.next('stats')).data).toEqual({ since: 4, through: 5, total: 1, outside: 1, grids: [] });
    filtered.close();
    statsOnly.close();
  });

  test('sends heartbeat comments on an idle connection', async (t) => {
    const { base } = await serving(t, { feed: { heartbeat_ms: 50 } });
    const s = await open(base);
    await s.next('ready');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.frames.filter((f) => f.comment === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    s.close();
  });

  test('replays reports loaded in bulk, and reports older than the ring, from the store', async (t) => {
    const { app, base } = await serving(t, { feed: { ring: 2, page: 3 } });
    await app.store.insertReportsBulk(Array.from({ length: 5 }, (_, i) => report(`bulk-${i}`)));
    await post(
      app,
      Array.from({ length: 6 }, (_, i) => report(`api-${i}`)),
    );
    const s = await open(base, '/api/stream', { 'last-event-id': '0' });
    const got = [];
    for (let i = 0; i < 11; i++) got.push(await s.next('report'));
    expect(got.map((f) => Number(f.id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(got.map((f) => (f.data as { id: string }).id)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `bulk-${i}`),
      ...[0, 1, 2, 3, 4, 5].map((i) => `api-${i}`),
    ]);
    s.close();
  });

  test('a Last-Event-ID beyond the newest report starts at the newest, saying reset; a malformed one is 400', async (t) => {
    const { app, base } = await serving(t);
    await post(app, report('one'));
    const s = await open(base, '/api/stream', { 'last-event-id': '99' });
    expect((await s.next('ready')).data).toEqual({ after: 1, last: 1, reset: true });
    s.close();
    const bad = await open(base, '/api/stream', { 'last-event-id': 'abc' });
    expect(bad.status).toBe(400);
    const badEvents = await open(base, '/api/stream?events=reports');
    expect(badEvents.status).toBe(400);
  });

  test('needs a viewer key unless reads are public; refuses connections over maxClients with 503', async (t) => {
    const { app, base } = await serving(t, { auth: {}, feed: { maxClients: 1 } });
    expect((await open(base)).status).toBe(401);
    const { key } = await app.store.keys.create({ role: 'viewer' });
    const s = await open(base, '/api/stream', { authorization: `Bearer ${key}` });
    expect(s.status).toBe(200);
    await s.next('ready');
    const full = await open(base, '/api/stream', { authorization: `Bearer ${key}` });
    expect(full.status).toBe(503);
    s.close();
    const open2 = await serving(t, { auth: { publicRead: true } });
    const pub = await open(open2.base);
    expect(pub.status).toBe(200);
    pub.close();
  });

  test('app.close() ends open streams instead of waiting for them', async (t) => {
    const { app, base } = await serving(t);
    const s = await open(base);
    await s.next('ready');
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(app.feed.size).toBe(0);
  });
});

describe('report seq', () => {
  test('numbers reports stored before the feed existed in arrival order, once, when the file is opened', async (t) => {
    const path = `${tempDir(t)}/old.duckdb`;
    const store = await openStore(path);
    await store.insertReports([report('x1')]);
    await store.insertReports([report('x2'), report('x3')]);
    await store.close();
    // A file from before seq: the column is there (added by ALTER TABLE) but empty.
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run('UPDATE reports SET seq = NULL');
    conn.closeSync();
    raw.closeSync();
    const again = await openStore(path);
    t.onTestFinished(() => again.close());
    expect(again.lastSeq()).toBe(3);
    expect((await again.reportEvents({ after: 0, upto: 3, limit: 10 })).map((e) => [e.seq, e.id])).toEqual([
      [1, 'x1'],
      [2, 'x2'],
      [3, 'x3'],
    ]);
    await again.insertReports([report('x4')]);
    expect(again.lastSeq()).toBe(4);
  });

  test('a refused batch takes no numbers', async (t) => {
    const store = await openStore(':memory:');
    t.onTestFinished(() => store.close());
    await store.insertReports([report('y1')]);
    await expect(store.insertReports([report('y2'), { ...report('y1'), lon: 109.006 }])).rejects.toMatchObject({ http: 409 });
    await store.insertReports([report('y3')]);
    expect((await store.reportEvents({ after: 0, upto: store.lastSeq(), limit: 10 })).map((e) => [e.seq, e.id])).toEqual([
      [1, 'y1'],
      [2, 'y3'],
    ]);
  });
});
