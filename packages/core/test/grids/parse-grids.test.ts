import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGrids } from '../../src/index.ts';

const dir = resolve(import.meta.dirname, '../fixtures/parse-grids');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.geojson'))
  .map((f) => f.replace('.geojson', ''));

describe('parseGrids rejects bad input, naming each feature and the fix', () => {
  it.each(cases)('%s', (name) => {
    const input = readFileSync(resolve(dir, `${name}.geojson`), 'utf8');
    const expected = JSON.parse(readFileSync(resolve(dir, `${name}.expected.json`), 'utf8')) as Array<{
      code: string;
      index: number | null;
    }>;
    const result = parseGrids(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => ({ code: p.code, index: p.index ?? null }))).toEqual(expected);
    for (const p of result.problems) {
      expect(p.fix.length).toBeGreaterThan(10);
      if (p.index !== undefined) expect(p.message).toMatch(new RegExp(`^feature ${p.index}\\b`));
    }
  });
});

describe('parseGrids accepts valid grids', () => {
  const tiling = readFileSync(resolve(import.meta.dirname, '../fixtures/tiling-2x2.geojson'), 'utf8');

  it('builds a grid set with ids, names, levels, parents and ellipsoidal areas', () => {
    const result = parseGrids(tiling);
    if (!result.ok) throw new Error(result.problems[0].message);
    const { grids, byId } = result.gridSet;
    expect(grids.map((g) => g.id)).toEqual(['610902001001002', '610902001001001', '610902001001004', '610902001001003']);
    const g = byId.get('610902001001001')!;
    expect(g).toMatchObject({ name: '测试网格1', level: 3, parent: '610902001' });
    // 0.01° × 0.01° at 32.7°N: ~ 937 m × 1109 m.
    expect(g.area_m2).toBeGreaterThan(1.03e6);
    expect(g.area_m2).toBeLessThan(1.05e6);
    expect(g.bbox).toEqual([109.01, 32.7, 109.02, 32.71]);
  });

  it('reads ids from another property with idField, and numeric ids as strings', () => {
    const fc = JSON.parse(tiling);
    fc.features.forEach((f: { properties: Record<string, unknown> }, i: number) => {
      f.properties.area_id = i + 1;
    });

    const result = parseGrids(fc, { idField: 'area_id' });
    expect(result.ok && result.gridSet.grids.map((g) => g.id)).toEqual(['1', '2', '3', '4']);
  });

  it('falls back to the feature id member when properties have no id', () => {
    const fc = JSON.parse(tiling);
    fc.features.forEach((f: { id?: string; properties: Record<string, unknown> }) => {
      f.id = `F${f.properties.id}`;
      delete f.properties.id;
    });
    const result = parseGrids(fc);
    expect(result.ok && result.gridSet.grids[0].id).toBe('F610902001001002');
  });

  it('accepts a crs member naming WGS84 or CGCS2000 lon/lat', () => {
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'EPSG:4490']) {
      const fc = { ...JSON.parse(tiling), crs: { type: 'name', properties: { name } } };
      expect(parseGrids(fc).ok).toBe(true);
    }
  });

  it('reports malformed JSON text as CG_ERR_NOT_JSON', () => {
    const result = parseGrids('{"type": "FeatureCollection", "features": [');
    expect(!result.ok && result.problems[0].code).toBe('CG_ERR_NOT_JSON');
  });

  it('refuses collections above maxFeatures before looking at features', () => {
    const result = parseGrids(tiling, { maxFeatures: 3 });
    expect(!result.ok && result.problems[0].code).toBe('CG_ERR_TOO_MANY_FEATURES');
  });
});
