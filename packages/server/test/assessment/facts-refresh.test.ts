import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ASSESSMENT_DDL } from '../../src/db/ddl.ts';
import { DEFAULT_PROFILE, DEFAULT_TIME_LIMITS, isoDate, localDay, parseGrids, periodOf } from '@citygrid/core';
import { build, fixture } from '../helper.ts';
import { UNCHECKED } from '../../src/index.ts';
import { caseHistories } from '../support/case-histories.ts';
import { loadScenario } from './scenario.ts';

// case_facts is derived from the event log: these check it follows the log and the profile.
describe('case_facts follows the event log and the profile', () => {
  test('an event appended after a read shows in the next read', async (t) => {
    const app = await build(t);
    await loadScenario(app);
    const month = periodOf(isoDate(localDay(Date.now(), '+08:00')), 'month');
    const before = (await app.inject({ url: `/api/assessment?level=grid&period=${month}` })).json();
    expect(before.units.find((u: { id: string }) => u.id === 'A1').indicators.timely_dispatch.denominator).toBe(0);
    const acted = await app.inject({
      method: 'POST',
      url: '/api/cases/c8/events',
      payload: { action: 'dispatch', department: 'cgj', expected_version: 3 },
    });
    expect(acted.statusCode, acted.body).toBe(201);
    const after = (await app.inject({ url: `/api/assessment?level=grid&period=${month}` })).json();
    // Registered 2026-11-01 00:50, due 11-02 09:30, dispatched now: late.
    expect(after.units.find((u: { id: string }) => u.id === 'A1').indicators.timely_dispatch).toEqual({
      value: 0,
      numerator: 0,
      denominator: 1,
    });
  });

  test('a new profile rebuilds the facts with its time limits', async (t) => {
    const app = await build(t);
    await loadScenario(app);
    const a1 = async () =>
      (await app.inject({ url: '/api/assessment?level=grid&period=2026-11' })).json().units.find((u: { id: string }) => u.id === 'A1');
    expect((await a1()).indicators.timely_handling).toMatchObject({ numerator: 3, denominator: 4 });
    // Ten working days to handle: c2 (handled on the fourth working day) is on time, and its due time moves into November still.
    const limits = DEFAULT_TIME_LIMITS.map((l) => (l.stage === 'dispatched' && !l.urgency ? { ...l, limit: { working_days: 10 } } : l));
    await app.store.replaceProfile({ ...DEFAULT_PROFILE, auto_case_sources: [], time_limits: limits });
    expect((await a1()).indicators.timely_handling).toMatchObject({ numerator: 4, denominator: 4 });
  });
});

describe('case_facts of cases opened by intake', () => {
  test('a duplicate joining a case does not stop its replay', async (t) => {
    const app = await build(t);
    const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('grid fixture');
    await app.store.replaceGrids(parsed.gridSet);
    // patrol is an auto_case_source of the shipped profile: the first report opens a case, the second (5 m away) joins it.
    const report = { lon: 109.005, lat: 32.685, category: '06010', source: 'patrol' };
    await app.inject({ method: 'POST', url: '/api/reports', payload: [report, { ...report, lat: 32.68505 }] });
    await app.store.cases.settled();
    const { cases } = (await app.inject('/api/cases')).json();
    expect(cases).toHaveLength(1);
    expect(cases[0].reports).toHaveLength(2);
    for (const [v, body] of [
      [1, { action: 'accept' }],
      [2, { action: 'register' }],
    ] as const)
      expect(
        (await app.inject({ method: 'POST', url: `/api/cases/${cases[0].id}/events`, payload: { ...body, expected_version: v } }))
          .statusCode,
      ).toBe(201);
    const month = periodOf(isoDate(localDay(Date.now(), '+08:00')), 'month');
    const a1 = (await app.inject(`/api/assessment?level=grid&period=${month}`)).json().units.find((u: { id: string }) => u.id === 'A1');
    expect(a1.indicators.discovery).toEqual({ value: 1, numerator: 1, denominator: 1 });
  });
});

describe('case_facts of a file from an earlier format', () => {
  test('a table without the source column, marked in format 1, is rebuilt whole with sources', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-facts-'));
    t.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'city.duckdb');
    const first = await build(t, { dbPath: file });
    await loadScenario(first);
    // What the first release of case_facts left: no source column, a mark without a format.
    await first.store.db.write(async (conn) => {
      await conn.run('DROP TABLE case_facts');
      await conn.run(ASSESSMENT_DDL.split(';')[0].replace(/,\s*source VARCHAR/, ''));
      const head = Number((await conn.runAndReadAll('SELECT max(seq) AS s FROM case_events')).getRowObjectsJS()[0].s);
      await conn.run(
        `INSERT OR REPLACE INTO meta VALUES ('case_facts', '{"seq":${head},"profile":${first.store.profiles.current().version}}')`,
      );
    });
    await first.close();
    const again = await build(t, { dbPath: file });
    const a1 = (await again.inject('/api/assessment?level=grid&period=2026-11')).json().units.find((u: { id: string }) => u.id === 'A1');
    expect(a1.indicators.discovery).toEqual({ value: 2 / 5, numerator: 2, denominator: 5 });
    expect(a1.indicators.offsite.numerator).toBe(1);
  });
});

describe('rebuilding case_facts holds no write for long', () => {
  test('while a new profile makes every case replay, reports are still stored within a fraction of the rebuild', {
    timeout: 60_000,
  }, async (t) => {
    const app = await build(t);
    const store = app.store;
    const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('grid fixture');
    await store.replaceGrids(parsed.gridSet);
    await store.cases.importCases(caseHistories(6000), UNCHECKED);
    await store.assessment.refresh();
    // A new profile version: the next refresh replays all 6,000 cases.
    await store.replaceProfile({ ...DEFAULT_PROFILE, auto_case_sources: [] });
    const t0 = performance.now();
    let done = false;
    const rebuild = store.assessment.refresh().then(() => {
      done = true;
    });
    const waits: number[] = [];
    for (let i = 0; !done; i++) {
      const s = performance.now();
      await store.reports.insertReports([{ id: `during-${i}`, lon: 109.005, lat: 32.685, category: '06010', source: '12345' }]);
      waits.push(performance.now() - s);
    }
    await rebuild;
    const rebuildMs = performance.now() - t0;
    // Before: the replay ran inside the write lock, and the first report waited for all of it.
    expect(waits.length).toBeGreaterThan(3);
    expect(Math.max(...waits)).toBeLessThan(rebuildMs / 3);
    const a1 = (await app.inject('/api/assessment?level=grid&period=2026-10')).json().units.find((u: { id: string }) => u.id === 'A1');
    expect(a1.indicators.timely_dispatch.denominator).toBeGreaterThan(0);
  });
});
