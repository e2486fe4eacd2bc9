import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  caseContext,
  checkProfile,
  metresPerDegree,
  profileDispatcher,
  replayCase,
  type CaseContext,
  type CityProfile,
  type Report,
} from '@citygrid/core';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseOutcome, type CaseOutcome } from '../demo/case-outcome.ts';
import { activityZones } from '../demo/synthetic-district.ts';
import { generateCases, toImportLine, type SyntheticCase } from '../demo/synthetic-cases.ts';
import { generateReports } from '../demo/synthetic-reports.ts';
import { ROOT } from './cli.ts';

const read = (path: string) => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8'));
const HOUR = 3_600_000;

// The demo exactly as `citygrid serve --demo hanbin` loads it: its grids, 200,000 reports
// (seed 1, the same zones) and the Hanbin profile.
let grids: FeatureCollection;
let reports: Report[];
let profile: CityProfile;
let ctx: CaseContext;
let cases: SyntheticCase[];
let until: number;
let generationMs: number;

beforeAll(() => {
  grids = read('data/demo/grids.geojson');
  const towns = read('data/demo/towns.geojson') as FeatureCollection<Polygon | MultiPolygon>;
  reports = generateReports({
    grids,
    zones: activityZones(towns, 1),
    district: read('data/demo/district.geojson').features[0],
    seed: 1,
    count: 200_000,
  });
  const checked = checkProfile(read('data/profiles/hanbin.json'));
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('; '));
  profile = checked.profile;
  ctx = caseContext(profile);
  until = Math.max(...reports.slice(-1000).map((r) => Date.parse(r.created_at)));
  const started = performance.now();
  cases = generateCases({ reports, grids, profile, seed: 1 });
  generationMs = performance.now() - started;
}, 120_000);

describe('generateCases on the Hanbin demo (200,000 reports, seed 1)', () => {
  it('makes a few tens of thousands of cases in seconds', () => {
    console.log(`synthetic cases: ${cases.length} from ${reports.length} reports in ${generationMs.toFixed(0)} ms`);
    expect(cases.length).toBeGreaterThan(25_000);
    expect(cases.length).toBeLessThan(45_000);
    // ~1.1 s warm on a quiet 2-core VM; generous for a machine shared with other jobs.
    expect(generationMs).toBeLessThan(20_000);
  });

  it('gives histories that every one replays through core without a problem', () => {
    const refused = cases.map((c) => replayCase(c.opening, c.events, ctx)).filter((r) => !r.ok);
    expect(refused.map((r) => !r.ok && r.problem.message).slice(0, 3)).toEqual([]);
  });

  it('times every event at or after the one before, in whole seconds, and none after the end of the year', () => {
    // Collected, not asserted one by one: 200,000 expect calls take seconds.
    const bad: string[] = [];
    for (const c of cases) {
      let last = c.opening.at;
      for (const e of c.events) {
        if (!(e.at >= last && e.at % 1000 === 0 && e.at <= until)) bad.push(`${c.opening.id} ${e.action} ${e.at}`);
        last = e.at;
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('has the stated outcome mix', () => {
    const count = tally(cases.map((c) => caseOutcome(c.opening, c.events, ctx, until)));
    const share = (o: CaseOutcome) => (count[o] ?? 0) / cases.length;
    expect(share('closed-in-time')).toBeGreaterThan(0.7);
    expect(share('closed-in-time')).toBeLessThan(0.9);
    expect(share('closed-late')).toBeGreaterThan(0.05);
    expect(share('closed-late')).toBeLessThan(0.25);
    expect(share('rejected')).toBeGreaterThan(0.01);
    expect(share('rejected')).toBeLessThan(0.08);
    // The last weeks' cases: still open at the year's end, some of them overdue.
    expect(count.open).toBeGreaterThan(100);
    expect(count['open-overdue']).toBeGreaterThan(10);
    expect(count.merged).toBeGreaterThan(50);
  });

  it('takes each exceptional action at least 100 times', () => {
    const actions = tally(cases.flatMap((c) => c.events.map((e) => e.action)));
    for (const action of [
      'reject',
      'return',
      'transfer',
      'request-extension',
      'extend',
      'suspend',
      'resume',
      'escalate',
      'fail-verification',
      'reopen',
      'merge',
    ]) {
      expect(actions[action] ?? 0, action).toBeGreaterThanOrEqual(100);
    }
  });

  it("leaves the last weeks' cases open in several stages, some of them suspended", () => {
    const open = cases.map((c) => replayCase(c.opening, c.events, ctx)).filter((r) => r.ok && !ctx.stages.get(r.state.stage)?.terminal);
    const stages = new Set(open.map((r) => r.state.stage));
    expect(stages.size).toBeGreaterThanOrEqual(4);
    expect(open.some((r) => r.state.suspended)).toBe(true);
  });

  it('proposes the department the profile dispatches the category to, and sends most cases there', () => {
    const dispatcher = profileDispatcher(profile);
    for (const c of cases) expect(c.opening.department).toBe(dispatcher.dispatch({ category: c.opening.category }).department);
    const first = cases.flatMap((c) =>
      c.events
        .filter((e) => e.action === 'dispatch')
        .slice(0, 1)
        .map((e) => e.department === c.opening.department),
    );
    expect(first.filter(Boolean).length / first.length).toBeGreaterThan(0.9);
  });

  it("acts in the roles of the workflow: a department on its own cases, the grid's inspector, no admin", () => {
    const role = {
      accept: 'operator',
      register: 'supervisor',
      dispatch: 'dispatcher',
      handle: 'department',
      verify: 'inspector',
      close: 'supervisor',
    } as Record<string, string>;
    for (const c of cases.slice(0, 5000)) {
      for (const e of c.events) {
        if (role[e.action]) expect(e.actor.role).toBe(role[e.action]);
        if (e.actor.role === 'inspector') expect(e.actor.grids).toEqual([c.opening.grid_id]);
      }
    }
    expect(cases.some((c) => c.events.some((e) => e.actor.role === 'admin'))).toBe(false);
  });

  it('rejects the cases outside every grid, and only gives a grid to the others', () => {
    const outside = cases.filter((c) => c.opening.grid_id === null);
    expect(outside.length).toBeGreaterThan(0);
    for (const c of outside) for (const e of c.events) expect(['accept', 'reject', 'merge']).toContain(e.action);
    expect(outside.filter((c) => c.events.at(-1)?.action === 'reject').length / outside.length).toBeGreaterThan(0.9);
  });

  it("joins duplicates: same category, within the profile's distance and hours of the first report, each report in one case", () => {
    const byId = new Map(reports.map((r) => [r.id, r]));
    const seen = new Set<string>();
    let joined = 0;
    for (const c of cases) {
      const [first, ...rest] = c.opening.reports!.map((id) => byId.get(id)!);
      for (const r of [first, ...rest]) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      const { kx, ky } = metresPerDegree(first.lat);
      for (const r of rest) {
        expect(r.category).toBe(first.category);
        expect(Math.hypot((r.lon - first.lon) * kx, (r.lat - first.lat) * ky)).toBeLessThanOrEqual(profile.duplicates!.distance_m);
        expect(Date.parse(r.created_at) - Date.parse(first.created_at)).toBeLessThanOrEqual(profile.duplicates!.hours * HOUR);
        joined++;
      }
    }
    expect(joined).toBeGreaterThan(50);
  });
});

describe('generateCases: determinism and options', () => {
  const some = () => reports.slice(0, 20_000);

  it('writes byte-identical NDJSON for the same seed, and other cases for another', () => {
    const ndjson = (seed: number) => generateCases({ reports: some(), grids, profile, seed }).map(toImportLine).join('\n');
    const a = ndjson(7);
    expect(ndjson(7)).toBe(a);
    expect(ndjson(8)).not.toBe(a);
  });

  it('makes no case for a share of 0, and one per report (less duplicates) for a share of 1', () => {
    expect(generateCases({ reports: some(), grids, profile, share: { auto: 0, public: 0 } })).toEqual([]);
    const all = generateCases({ reports: some(), grids, profile, share: { auto: 1, public: 1 } });
    expect(all.flatMap((c) => c.opening.reports).length).toBe(20_000);
  });

  it('throws on a share outside 0–1', () => {
    expect(() => generateCases({ reports: some(), profile, share: { public: 1.5 } })).toThrow(/share.public must be from 0 to 1, got 1.5/);
  });

  it("without grids, opens cases with no grid and an admin verifying in the inspector's place", () => {
    const noGrid = generateCases({ reports: some(), profile });
    expect(noGrid.every((c) => c.opening.grid_id === null && replayCase(c.opening, c.events, ctx).ok)).toBe(true);
    expect(noGrid.some((c) => c.events.some((e) => e.action === 'verify' && e.actor.role === 'admin'))).toBe(true);
  });
});

describe('toImportLine', () => {
  it('writes one line of the import format, every time an ISO 8601 UTC string', () => {
    const c = cases.find((x) => x.events.some((e) => e.action === 'request-extension'))!;
    const line = toImportLine(c);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual(['opening', 'events']);
    expect(parsed.opening.at).toBe(new Date(c.opening.at).toISOString());
    expect(parsed.events.map((e: { at: string }) => Date.parse(e.at))).toEqual(c.events.map((e) => e.at));
    expect(parsed.events.find((e: { action: string }) => e.action === 'request-extension')).toMatchObject({
      actor: { role: 'department' },
      hours: expect.any(Number),
      note: expect.any(String),
    });
  });
});

function tally<T extends string>(items: readonly T[]): Partial<Record<T, number>> {
  const count: Partial<Record<T, number>> = {};
  for (const item of items) count[item] = (count[item] ?? 0) + 1;
  return count;
}
