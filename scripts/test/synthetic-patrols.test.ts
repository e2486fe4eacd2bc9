import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { localDay, parseGrids, type Grid } from '@citygrid/core';
import { describe, expect, it } from 'vitest';
import { generatePatrols } from '../demo/synthetic-patrols.ts';
import { generateRatings } from '../demo/synthetic-ratings.ts';
import type { SyntheticCase } from '../demo/synthetic-cases.ts';
import { ROOT } from './cli.ts';

const parsed = parseGrids(JSON.parse(readFileSync(resolve(ROOT, 'data/demo/grids.geojson'), 'utf8')));
if (!parsed.ok) throw new Error('demo grids');
const grids: Grid[] = parsed.gridSet.grids;
const from = Date.parse('2025-12-01T00:00:00+08:00');
const until = Date.parse('2026-11-30T23:59:00+08:00');

describe('synthetic patrols (the demo)', () => {
  const { people, checkins } = generatePatrols(grids, { from, until, seed: 1 });

  it('gives every grid one worker and is the same for the same seed', () => {
    expect(people).toHaveLength(grids.length);
    expect(new Set(people.flatMap((p) => p.grids))).toEqual(new Set(grids.map((g) => g.id)));
    expect(generatePatrols(grids, { from, until, seed: 1 }).checkins).toEqual(checkins);
  });

  it('checks in inside the span, once a day per worker, inside the grid’s box', () => {
    const days = new Set<string>();
    for (const c of checkins) {
      expect(c.checked_in_at >= from && c.checked_in_at <= until).toBe(true);
      const key = `${c.person_id} ${localDay(c.checked_in_at, '+08:00')}`;
      expect(days.has(key)).toBe(false);
      days.add(key);
      const [w, s, e, n] = grids.find((g) => g.id === c.grid_id)!.bbox;
      expect(c.lon >= w && c.lon <= e && c.lat >= s && c.lat <= n).toBe(true);
    }
  });

  it('spreads attendance: some grids patrolled under 2 days a week, some over', () => {
    const weeks = (until - from) / (7 * 86_400_000);
    const perWeek = grids.map((g) => checkins.filter((c) => c.grid_id === g.id).length / weeks);
    expect(perWeek.filter((d) => d < 2).length).toBeGreaterThan(grids.length * 0.1);
    expect(perWeek.filter((d) => d >= 2).length).toBeGreaterThan(grids.length * 0.4);
  });
});

describe('synthetic ratings (the demo)', () => {
  const t0 = Date.parse('2026-06-01T09:00:00+08:00');
  const closedCase = (i: number, troubled: boolean): SyntheticCase => ({
    opening: { id: `C${i}`, at: t0, category: '06010', reports: [`R${i}`] },
    events: [
      ...(troubled ? [{ action: 'fail-verification', at: t0 + 3_600_000, actor: { role: 'inspector' as const } }] : []),
      { action: 'close', at: t0 + 7_200_000, actor: { role: 'supervisor' as const } },
    ],
  });
  const cases = Array.from({ length: 2000 }, (_, i) => closedCase(i, i % 4 === 0));
  const ratings = generateRatings(cases, 1);

  it('rates about 40 % of closed cases, by their first report, after closing', () => {
    expect(ratings.length / cases.length).toBeGreaterThan(0.35);
    expect(ratings.length / cases.length).toBeLessThan(0.45);
    for (const r of ratings) {
      expect(r.report_id).toBe(`R${r.case_id.slice(1)}`);
      expect(Date.parse(r.rated_at)).toBeGreaterThan(t0 + 7_200_000);
    }
  });

  it('rates troubled cases lower, from unhappy to very happy', () => {
    const mean = (rs: typeof ratings) => rs.reduce((t, r) => t + r.rating, 0) / rs.length;
    const troubled = ratings.filter((r) => Number(r.case_id.slice(1)) % 4 === 0);
    const smooth = ratings.filter((r) => Number(r.case_id.slice(1)) % 4 !== 0);
    expect(mean(troubled)).toBeLessThan(mean(smooth) - 0.8);
    expect([...new Set(ratings.map((r) => r.rating))].sort()).toEqual([2, 3, 4, 5]); // 1 takes two troubles
  });
});
