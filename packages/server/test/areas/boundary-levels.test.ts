import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { parseGrids } from '@citygrid/core';
import { build, fixture } from '../helper.ts';

// A 2×2 block of 0.01° squares (the grid-2x2 fixture), plus outlines drawn around it.
const box = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: Polygon): Feature<Polygon> => ({ type: 'Feature', properties, geometry });
const fc = (...features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

const DISTRICT = fc(feature({ code: 'D', name: '示例区' }, box(108.99, 32.67, 109.03, 32.71)));
// Two streets, the south one given as two features (its halves) that share an id.
const STREETS = fc(
  feature({ code: 'S', name: '南街道' }, box(109.0, 32.68, 109.01, 32.69)),
  feature({ code: 'S', name: '南街道' }, box(109.01, 32.68, 109.02, 32.69)),
  feature({ code: 'N', name: '北街道' }, box(109.0, 32.69, 109.02, 32.7)),
);

/** The grid fixture with its parents removed: the file gives none. */
function orphanGrids(): FeatureCollection {
  const grids = fixture<FeatureCollection>('grid-2x2/grids.geojson');
  for (const f of grids.features) delete f.properties!.parent;
  return grids;
}

const put = (level: string, body: unknown, query = 'id_field=code') => ({
  method: 'PUT' as const,
  url: `/api/boundaries/${level}?${query}`,
  payload: body as object,
});

describe('PUT /api/boundaries/{level}', () => {
  test('features sharing an id are one unit, their polygons unioned', async (t) => {
    const app = await build(t);
    const res = await app.inject(put('street', STREETS));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ level: 'street', units: 2, with_parent: 0, features: 3 });
    const streets = (await app.inject('/api/boundaries?level=street')).json();
    const south = streets.features.find((f: Feature) => f.id === 'S');
    expect(south.geometry.type).toBe('Polygon');
    expect(south.properties).toMatchObject({ name: '南街道', level: 2, parent: null });
    // The two 0.01° × 0.01° halves, ~1.04 km² each at 32.7° N.
    expect(south.properties.area_m2 / 1e6).toBeCloseTo(2.08, 2);
  });

  test("a unit's parent is the unit above containing it, and replacing a level keeps the others", async (t) => {
    const app = await build(t);
    await app.inject(put('district', DISTRICT));
    expect((await app.inject(put('street', STREETS))).json().with_parent).toBe(2);
    await app.inject(put('street', fc(feature({ code: 'ALL', name: '全街道' }, box(109.0, 32.68, 109.02, 32.7)))));
    const all = (await app.inject('/api/boundaries')).json();
    expect(all.features.map((f: Feature) => [f.id, f.properties!.level, f.properties!.parent])).toEqual([
      ['D', 1, null],
      ['ALL', 2, 'D'],
    ]);
  });

  test('a parent field names the parent; an unknown one is refused with the feature and fix', async (t) => {
    const app = await build(t);
    await app.inject(put('district', DISTRICT));
    const streets = fc(
      feature({ code: 'S', up: 'D' }, box(109.0, 32.68, 109.02, 32.69)),
      feature({ code: 'N', up: 'X' }, box(109.0, 32.69, 109.02, 32.7)),
    );
    const res = await app.inject(put('street', streets, 'id_field=code&parent_field=up'));
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([
      expect.objectContaining({ code: 'CG_ERR_UNKNOWN_PARENT', index: 1, id: 'N', fix: expect.any(String) }),
    ]);
    streets.features[1].properties!.up = 'D';
    expect((await app.inject(put('street', streets, 'id_field=code&parent_field=up'))).json().with_parent).toBe(2);
  });

  test('all or nothing: every bad feature is listed and nothing changes', async (t) => {
    const app = await build(t);
    await app.inject(put('street', STREETS));
    const bad = fc(
      feature({ name: 'no id' }, box(109.0, 32.68, 109.02, 32.69)),
      {
        type: 'Feature',
        properties: { code: 'L' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [109, 32.68],
            [109.01, 32.69],
          ],
        },
      } as Feature,
      feature({ code: 'OK' }, box(109.0, 32.69, 109.02, 32.7)),
    );
    const res = await app.inject(put('street', bad));
    expect(res.statusCode).toBe(400);
    expect(res.json().problems.map((p: { code: string; index: number; id?: string }) => [p.code, p.index, p.id])).toEqual([
      ['CG_ERR_ID_MISSING', 0, undefined],
      ['CG_ERR_GEOMETRY_TYPE', 1, 'L'],
    ]);
    expect((await app.inject('/api/boundaries?level=street')).json().features.map((f: Feature) => f.id)).toEqual(['S', 'N']);
  });

  test('an id another level uses is refused', async (t) => {
    const app = await build(t);
    await app.inject(put('district', DISTRICT));
    const res = await app.inject(put('street', fc(feature({ code: 'D' }, box(109.0, 32.68, 109.02, 32.7)))));
    expect(res.json().problems).toEqual([expect.objectContaining({ code: 'CG_ERR_BOUNDARY_ID_TAKEN', index: 0, id: 'D' })]);
  });

  test('an unknown level is refused naming the levels', async (t) => {
    const app = await build(t);
    const res = await app.inject(put('province', STREETS));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_UNKNOWN_LEVEL', fix: expect.stringContaining('street') });
    expect((await app.inject('/api/boundaries?level=town')).json().error).toBe('CG_ERR_UNKNOWN_LEVEL');
  });

  test('needs a planner key', async (t) => {
    const app = await build(t, { auth: { publicRead: true } });
    expect((await app.inject(put('street', STREETS))).statusCode).toBe(401);
  });
});

describe('GET /api/meta levels', () => {
  test('lists the loaded levels from the top down with their unit counts', async (t) => {
    const app = await build(t);
    expect((await app.inject('/api/meta')).json().levels).toEqual([]);
    await app.inject(put('street', STREETS));
    await app.inject(put('district', DISTRICT));
    expect((await app.inject('/api/meta')).json().levels).toEqual([
      { level: 'district', units: 1 },
      { level: 'street', units: 2 },
    ]);
  });
});

describe('grids without a parent', () => {
  test('get the lowest unit containing them, whether the boundaries come before or after', async (t) => {
    for (const boundariesFirst of [true, false]) {
      const app = await build(t);
      const importGrids = () => app.inject({ method: 'POST', url: '/api/grids', payload: orphanGrids() });
      if (!boundariesFirst) expect((await importGrids()).statusCode).toBe(201);
      await app.inject(put('district', DISTRICT));
      await app.inject(put('street', STREETS));
      if (boundariesFirst) expect((await importGrids()).statusCode).toBe(201);
      const grids = (await app.inject('/api/grids')).json();
      expect(grids.features.map((f: Feature) => f.properties!.parent)).toEqual(['S', 'S', 'N', 'N']);
      const stats = (await app.inject('/api/stats?level=street')).json();
      expect(stats.units.map((u: { id: string; name: string; grids: number }) => [u.id, u.name, u.grids]).sort()).toEqual([
        ['N', '北街道', 2],
        ['S', '南街道', 2],
      ]);
      expect((await app.inject('/api/route?lon=109.005&lat=32.685')).json().path.map((p: { id: string }) => p.id)).toEqual(['S', 'D']);
    }
  });

  test('a grid that names its parent keeps it', async (t) => {
    const app = await build(t);
    await app.inject(
      put(
        'street',
        fc(
          feature({ code: 'T1', name: '示例街道' }, box(109.0, 32.68, 109.02, 32.7)),
          feature({ code: 'S' }, box(109.03, 32.68, 109.04, 32.7)),
        ),
      ),
    );
    await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('grid-2x2/grids.geojson') });
    expect((await app.inject('/api/grids')).json().features.map((f: Feature) => f.properties!.parent)).toEqual(['T1', 'T1', 'T1', 'T1']);
  });
});

// Los Angeles' 99 neighbourhood councils, read in place (never copied into the repository).
const LA = resolve(import.meta.dirname, '../../../../../shared/data-external/la-311/areas.geojson');
if (!existsSync(LA)) console.warn(`external data la-311/areas.geojson not found (${LA}): LA boundary test skipped`);

describe.skipIf(!existsSync(LA))('Los Angeles service regions (read in place)', () => {
  test('the 99 councils give a dozen service-region street units, and the councils group by them', async (t) => {
    const app = await build(t);
    const councils = JSON.parse(readFileSync(LA, 'utf8')) as FeatureCollection;
    const res = await app.inject(put('street', councils, 'id_field=service_region&name_field=service_region'));
    expect(res.statusCode).toBe(200);
    const { units } = res.json();
    expect(units).toBeGreaterThanOrEqual(12);
    expect(units).toBeLessThanOrEqual(13);
    // Straight into the store: the councils overlap and leave gaps, and checking their coverage takes a minute.
    const parsed = parseGrids(councils, { idField: 'area_id' });
    if (!parsed.ok) throw new Error('LA councils do not parse');
    await app.store.replaceGrids(parsed.gridSet);
    const stats = (await app.inject('/api/stats?level=street')).json();
    expect(stats.units).toHaveLength(units);
    expect(stats.units.every((u: { id: string; name: string }) => u.name === u.id && !/^\d+$/.test(u.name))).toBe(true);
  });
});
