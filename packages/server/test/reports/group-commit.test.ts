import { describe, expect, test } from 'vitest';
import { buildWithGrids } from '../helper.ts';

const good = { lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00+08:00' };
const post = (payload: object) => ({ method: 'POST' as const, url: '/api/reports', payload });

describe('group commit of concurrent reports', () => {
  test('concurrent single reports share commits: fewer commits than requests, every one answered 201 and stored once, seq dense', async (t) => {
    const app = await buildWithGrids(t);
    const commits: number[] = [];
    app.store.reports.onReportsStored((events) => commits.push(events.length));
    const n = 60;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => app.inject(post({ ...good, id: `c${i}` }))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(n).fill(201));
    expect(answers.map((a) => a.json().reports[0].id)).toEqual(Array.from({ length: n }, (_, i) => `c${i}`));
    // One commit per request before group commit; now the requests that queue behind a write share the next one.
    expect(commits.length).toBeLessThan(n);
    expect(commits.reduce((a, b) => a + b, 0)).toBe(n);
    const stored = (await app.inject('/api/reports?limit=1000')).json().reports as { id: string }[];
    expect(stored.map((r) => r.id).sort()).toEqual(Array.from({ length: n }, (_, i) => `c${i}`).sort());
    expect(app.store.reports.lastSeq()).toBe(n);
  });

  test('a clashing request in a group is refused alone (409); the others of the group are stored', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject(post({ ...good, id: 'taken' }));
    const [a, clash, b, retry, twin, twinClash] = await Promise.all([
      app.inject(post({ ...good, id: 'a' })),
      app.inject(
        post([
          { ...good, id: 'x1' },
          { ...good, id: 'taken', category: '06011' },
        ]),
      ),
      app.inject(post({ ...good, id: 'b' })),
      app.inject(post({ ...good, id: 'taken' })),
      app.inject(post({ ...good, id: 'twin' })),
      // The same id as an earlier request of the same group, with other content.
      app.inject(post({ ...good, id: 'twin', lon: 109.006 })),
    ]);
    expect([a, clash, b, retry, twin, twinClash].map((r) => r.statusCode)).toEqual([201, 409, 201, 201, 201, 409]);
    expect(clash.json().problems).toEqual([expect.objectContaining({ code: 'CG_ERR_DUPLICATE_REPORT', index: 1, id: 'taken' })]);
    const ids = ((await app.inject('/api/reports?limit=100')).json().reports as { id: string }[]).map((r) => r.id).sort();
    // x1 came in the refused batch: all or nothing per request.
    expect(ids).toEqual(['a', 'b', 'taken', 'twin']);
  });

  test('an identical retry in the same group is answered with the first copy’s grid and stored once', async (t) => {
    const app = await buildWithGrids(t);
    const answers = await Promise.all([app.inject(post({ ...good, id: 'dup' })), app.inject(post({ ...good, id: 'dup' }))]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(answers[1].json().reports[0].grid_id).toBe(answers[0].json().reports[0].grid_id);
    expect((await app.inject('/api/reports?limit=10')).json().reports).toHaveLength(1);
  });
});
