import { describe, expect, test } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { CASE_TYPES, STANDARD_SOURCES } from '@citygrid/core';
import { build, buildWithGrids, fixture, fixtureReports } from '../helper.ts';

describe('GET /api/meta', () => {
  test('on an empty store lists every category with 0 and no time or extent', async (t) => {
    const app = await build(t);
    const res = await app.inject('/api/meta');
    expect(res.statusCode).toBe(200);
    const meta = res.json();
    expect(meta.categories).toHaveLength(CASE_TYPES.length);
    expect(meta.categories[0]).toEqual({ code: CASE_TYPES[0].code, name: CASE_TYPES[0].name, en: CASE_TYPES[0].en, count: 0 });
    // The city profile's sources: the shipped list under the default profile.
    expect(meta.sources).toEqual(STANDARD_SOURCES.map((s) => s.code));
    expect(meta).toMatchObject({ time: null, grids: 0, reports: 0, bbox: null });
  });

  test('counts categories, spans the time range and the grids extent', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const meta = (await app.inject('/api/meta')).json();
    const count = Object.fromEntries(meta.categories.map((c: { code: string; count: number }) => [c.code, c.count]));
    expect([count['06010'], count['09006'], count['07001'], count['06001']]).toEqual([5, 2, 1, 0]);
    expect(meta.time).toEqual({ min: '2024-05-01T00:00:00.000Z', max: '2024-05-08T15:00:00.000Z' });
    expect(meta).toMatchObject({ grids: 4, reports: 8 });
    expect(meta.bbox).toEqual([109.0, 32.68, 109.02, 32.7]);
  });

  test('falls back to the outlines extent, then to the reports extent', async (t) => {
    const app = await build(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    expect((await app.inject('/api/meta')).json().bbox).toEqual([109.005, 32.65, 109.05, 32.695]);
    await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries.geojson'));
    expect((await app.inject('/api/meta')).json().bbox).toEqual([108.99, 32.67, 109.03, 32.71]);
  });
});
