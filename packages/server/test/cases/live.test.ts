import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, caseApp, openOne, walk } from './helpers.ts';

/** A live-feed connection straight on the app's feed, collecting its text. */
function listen(
  app: FastifyInstance,
  options: {
    caseScope?: { department?: string; grids?: string[] };
    events?: { report: boolean; stats: boolean; case: boolean };
    grids?: string[];
  } = {},
) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  app.feed.connect(out, {
    after: app.feed.last,
    filter: { grids: options.grids },
    events: options.events ?? { report: true, stats: false, case: true },
    caseScope: options.caseScope,
  });
  return { cases: () => [...text.matchAll(/event: case\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1])), text: () => text };
}

describe('GET /api/stream: case events', () => {
  test('each committed case event is one `event: case` frame without an id; scoped keys hear their own cases only', async (t) => {
    const { app, keys } = await caseApp(t);
    const all = listen(app);
    const cgj = listen(app, { caseScope: { department: 'cgj' } });
    const gajj = listen(app, { caseScope: { department: 'gajj' } });
    const elsewhere = listen(app, { grids: ['B2'] });
    const off = listen(app, { events: { report: true, stats: false, case: false } });
    const { id } = await openOne(app, keys.operator);
    await walk(app, id, [[keys.operator, { action: 'accept' }]]);
    await new Promise((r) => setImmediate(r));
    expect(all.cases()).toEqual([
      { case_id: id, seq: 1, action: 'open', stage: 'reported', version: 1, department: 'cgj', grid_id: 'A1', overdue: false },
      { case_id: id, seq: 2, action: 'accept', stage: 'accepted', version: 2, department: 'cgj', grid_id: 'A1', overdue: false },
    ]);
    expect(all.text()).not.toMatch(/id: \d+\nevent: case/);
    expect(cgj.cases()).toHaveLength(2);
    expect(gajj.cases()).toEqual([]);
    expect(elsewhere.cases()).toEqual([]);
    expect(off.cases()).toEqual([]);
    expect(off.text()).toContain('event: report');
  });

  test('?events=case is accepted; an unknown type names the three', async (t) => {
    const { app, keys } = await caseApp(t);
    const bad = await app.inject({ url: '/api/stream?events=cases', headers: as(keys.viewer) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('must list some of report, stats, case');
  });
});
