import { readFileSync } from 'node:fs';
import { DEFAULT_PROFILE, DEFAULT_RISK, isoDate, localDay, parseGrids, periodOf } from '@citygrid/core';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test, type TestContext } from 'vitest';
import { UNCHECKED } from '../../src/cases/requester.ts';
import type { RiskAnswer } from '../../src/risk/risk-schemas.ts';
import { build, fixture } from '../helper.ts';
import { caseHistories } from '../support/case-histories.ts';

const city = JSON.parse(readFileSync(new URL('../fixtures/risk/city.json', import.meta.url), 'utf8')) as {
  reports: object[];
  cases: object[];
};
// Small references so the fixture's few reports and cases spread over the levels.
const RISK = { reference: { density: 3, overdue: 2, repeated: 1 } };

async function riskApp(t: TestContext, risk: object | null = RISK): Promise<FastifyInstance> {
  const app = await build(t);
  const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
  if (!parsed.ok) throw new Error('fixture');
  await app.store.replaceGrids(parsed.gridSet);
  if (risk) await app.store.replaceProfile({ ...DEFAULT_PROFILE, risk });
  await app.store.insertReports(city.reports as never);
  await app.store.cases.importCases(city.cases.map((c) => JSON.stringify(c)).join('\n'), UNCHECKED);
  return app;
}

const get = async (app: FastifyInstance, query = '') => app.inject({ url: `/api/risk${query}` });
const byId = (a: RiskAnswer) => Object.fromEntries(a.grids.map((g) => [g.id, g]));

describe('GET /api/risk', () => {
  test('counts reports, overdue and repeated cases per grid in the period, cut at local midnight', async (t) => {
    const app = await riskApp(t);
    const res = await get(app, '?period=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const nov = byId(res.json());
    const counts = (id: string) => {
      const { reports, overdue, repeated } = nov[id].counts;
      return [reports, overdue, repeated];
    };
    expect([counts('A1'), counts('A2'), counts('B1'), counts('B2')]).toEqual([
      [3, 2, 1],
      [0, 0, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    const oct = byId((await get(app, '?period=2026-10')).json());
    expect([oct.A1.counts, oct.A2.counts].map(({ reports, overdue, repeated }) => [reports, overdue, repeated])).toEqual([
      [1, 1, 1],
      [0, 1, 0],
    ]);
  });

  test('scores recompute from components and weights; levels carry the previous period’s', async (t) => {
    const app = await riskApp(t);
    const answer = (await get(app, '?period=2026-11')).json() as RiskAnswer;
    const w = answer.formula.weights;
    for (const g of answer.grids) {
      const c = g.components;
      expect(g.score).toBeCloseTo(
        (100 * (w.density * c.density + w.overdue * c.overdue + w.repeated * c.repeated)) / (w.density + w.overdue + w.repeated),
        9,
      );
      expect(g.patrol_every_days).toBe(answer.levels.find((l) => l.code === g.level)?.patrol_every_days);
    }
    const a1 = byId(answer).A1;
    // November: 3 reports on ~1.04 km² against 3/km², 2 overdue against 2, 1 repeated against 1.
    expect([a1.components.overdue, a1.components.repeated]).toEqual([1, 1]);
    expect(a1.components.density).toBeCloseTo(3 / (a1.counts.area_m2 / 1e6) / 3, 9);
    expect([a1.level, a1.previous_level]).toEqual(['red', 'orange']); // October scored ~53: orange
    expect([byId(answer).B2.level, byId(answer).B1.level]).toEqual(['blue', 'blue']);
    expect(answer.levels.map((l) => [l.code, l.name, l.color, l.patrol_every_days])).toEqual(
      DEFAULT_RISK.levels.map((l) => [l.code, l.name, l.color, l.patrol_every_days]),
    );
    expect(answer.version).toBe((await app.store.versions()).current);
    expect(answer).toMatchObject({
      period: '2026-11',
      first_day: '2026-11-01',
      last_day: '2026-11-30',
      formula: { margin: 5, look_back: 6 },
    });
  });

  test('replays only what changed: a case imported after an answer counts in the next one', async (t) => {
    const app = await riskApp(t);
    expect(byId((await get(app, '?period=2026-11')).json()).B1.counts.overdue).toBe(0);
    const late = {
      opening: { id: 'h5', at: '2026-11-20T01:00:00Z', category: '07001', grid_id: 'B1', department: 'cgj', reports: ['o6'] },
      events: [{ action: 'accept', at: '2026-11-24T01:00:00Z', actor: { role: 'operator' } }],
    };
    await app.store.cases.importCases(JSON.stringify(late), UNCHECKED);
    const nov = byId((await get(app, '?period=2026-11')).json());
    expect([nov.B1.counts.overdue, nov.A1.counts.overdue]).toEqual([1, 2]);
  });

  test('takes quarters and ISO weeks, and defaults to the current month in the profile timezone', async (t) => {
    const app = await riskApp(t, null);
    expect((await get(app, '?period=2026-Q4')).json()).toMatchObject({
      period: '2026-Q4',
      first_day: '2026-10-01',
      last_day: '2026-12-31',
    });
    // 2026-W45 is 2 to 8 November: h1 and h4 overdue in A1, no report (r2 is in W46).
    const week = byId((await get(app, '?period=2026-W45')).json());
    expect([week.A1.counts.reports, week.A1.counts.overdue]).toEqual([0, 2]);
    const month = periodOf(isoDate(localDay(Date.now(), '+08:00')), 'month');
    expect((await get(app)).json().period).toBe(month);
  });

  test('a running period counts its days so far: the 16th at 04:00 is 15 1/6 days into November', async (t) => {
    const app = await riskApp(t);
    const answer = await app.store.risk.risk('2026-11', Date.parse('2026-11-16T04:00:00+08:00'));
    expect(answer.days).toBeCloseTo(15 + 4 / 24, 9);
    const a1 = byId(answer).A1;
    expect(a1.components.overdue).toBe(1); // 2 overdue × 30 / 15.17 days > the reference 2
    expect(a1.components.density).toBeCloseTo(Math.min(1, ((3 / (a1.counts.area_m2 / 1e6)) * 30) / answer.days / 3), 9);
  });

  test('answers 400 with the accepted forms for a bad period', async (t) => {
    const app = await riskApp(t, null);
    for (const bad of ['2026-13', 'last-month', '2025-W53', '']) {
      const res = await get(app, `?period=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toBe('CG_ERR_OPTION');
      expect(res.json().message).toMatch(/2026-11.*2026-Q4.*2026-W47/);
    }
  });

  test('answers every grid with no reports or cases, all at the lowest level', async (t) => {
    const app = await build(t);
    const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('fixture');
    await app.store.replaceGrids(parsed.gridSet);
    const answer = (await get(app, '?period=2026-11')).json() as RiskAnswer;
    expect(answer.grids.map((g) => [g.id, g.score, g.level, g.previous_level])).toEqual([
      ['A1', 0, 'blue', 'blue'],
      ['A2', 0, 'blue', 'blue'],
      ['B1', 0, 'blue', 'blue'],
      ['B2', 0, 'blue', 'blue'],
    ]);
  });
});

describe('the first risk answer replays every case without freezing the server', () => {
  test('6,000 cases: the event loop never stalls for more than a fraction of the replay', { timeout: 60_000 }, async (t) => {
    const app = await build(t);
    const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('grid fixture');
    await app.store.replaceGrids(parsed.gridSet);
    await app.store.cases.importCases(caseHistories(6000), UNCHECKED);
    // A 1 ms ticker: its longest gap is the longest time no other request could have been served.
    let last = performance.now();
    let stall = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
    }, 1);
    const t0 = performance.now();
    const answer = await app.store.risk.risk('2026-10');
    const total = performance.now() - t0;
    clearInterval(ticker);
    expect(answer.grids.find((g) => g.id === 'A1')?.counts.overdue).toBeGreaterThan(0);
    // Before: one synchronous replay of all 6,000 logs, a single stall of most of the answer.
    expect(stall).toBeLessThan(total / 3);
  });
});
