import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkCodes, CitygridError, ellipsoidalArea, gridsFromBoundaries } from '../../src/index.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/grids-from-boundaries/villages');
const read = (file: string) => JSON.parse(readFileSync(resolve(FIXTURE, file), 'utf8')) as FeatureCollection;
const square = (x: number, y: number, w = 0.01): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + w],
      [x, y + w],
      [x, y],
    ],
  ],
});
const area = (properties: Record<string, unknown>, geometry: Polygon = square(109, 32.7)): Feature => ({
  type: 'Feature',
  properties,
  geometry,
});

describe('gridsFromBoundaries', () => {
  it('makes one coded grid per village of the fixture (in.geojson → out.geojson; REGEN=1 rewrites)', () => {
    const input = read('in.geojson');
    const grids = gridsFromBoundaries(input);
    const file = resolve(FIXTURE, 'out.geojson');
    if (process.env.REGEN || !existsSync(file)) writeFileSync(file, JSON.stringify(grids, null, 1) + '\n');
    expect(JSON.parse(JSON.stringify(grids))).toEqual(read('out.geojson'));
  });

  it("numbers villages 201… west to east, north to south in their 镇, skipping a village's own code", () => {
    const grids = gridsFromBoundaries(read('in.geojson')).features.map((f) => f.properties);
    // North row 东沟 梨园 河湾, south row 石门 新庄 (its own 203) 高坡.
    expect(grids.map((p) => [p.name, p.code])).toEqual([
      ['东沟村', '610902101201001'],
      ['梨园村', '610902101202001'],
      ['新庄村', '610902101203001'],
      ['河湾村', '610902101204001'],
      ['石门村', '610902101205001'],
      ['高坡村', '610902101206001'],
    ]);
    for (const p of grids)
      expect(p).toMatchObject({ id: p.code, level: 3, parent: '610902101', community: p.code.slice(0, 12), synthetic: true });
    expect(checkCodes(grids)).toEqual([]);
  });

  it('keeps the geometry untouched and gives its ellipsoidal area', () => {
    const input = read('in.geojson');
    const grids = gridsFromBoundaries(input).features;
    const source = input.features.find((f) => f.properties!.name === '东沟村')!;
    const grid = grids.find((f) => f.properties.name === '东沟村')!;
    expect(grid.geometry).toEqual(source.geometry);
    expect(grid.properties.area_m2).toBe(Math.round(ellipsoidalArea(source.geometry as Polygon)));
  });

  it('numbers 社区 from 001 under a 街道 and groups areas by their own towns', () => {
    const grids = gridsFromBoundaries([
      area({ name: 'B', parent: '610902002' }, square(109.02, 32.7)),
      area({ name: 'A', parent: '610902001' }),
      area({ name: 'C', parent: '610902002' }),
    ]);
    expect(grids.features.map((f) => [f.properties.name, f.properties.code])).toEqual([
      ['A', '610902001001001'],
      ['C', '610902002001001'],
      ['B', '610902002002001'],
    ]);
  });

  it('uses options.parentCode for every area, and the custom fields named in options', () => {
    const grids = gridsFromBoundaries([area({ 名称: '一社区', town: 'x' })], {
      parentCode: '610902003',
      nameField: '名称',
      parentField: 'town',
      first: 5,
    });
    expect(grids.features[0].properties).toMatchObject({ name: '一社区', parent: '610902003', code: '610902003005001' });
  });

  it('keeps a 15-digit code as it is and names an unnamed area by its id, then its code', () => {
    const grids = gridsFromBoundaries([area({ id: 'v7', code: '610902101207002' })]).features;
    expect(grids[0].properties).toMatchObject({ code: '610902101207002', name: 'v7', parent: '610902101' });
  });

  it('lists every area it cannot code or read, naming the feature', () => {
    const bad = [
      area({ id: 'a', parent: '新城街道' }),
      {
        type: 'Feature',
        properties: { id: 'b', parent: '610902001' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [109, 32.7],
            [109.1, 32.7],
          ],
        },
      } as Feature,
      area({ id: 'c', code: '6109021' }),
    ];
    try {
      gridsFromBoundaries(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CitygridError);
      expect((e as CitygridError).problems.map((p) => [p.code, p.index, p.message])).toEqual([
        [
          'CG_ERR_PARENT_CODE',
          0,
          'feature 0 (id "a"): parent code "新城街道": the area has no 12-digit "code" and its "parent" is not a 9-digit street/town code to number it in',
        ],
        ['CG_ERR_GEOMETRY_TYPE', 1, 'feature 1 (id "b"): expected Polygon or MultiPolygon, got LineString'],
        [
          'CG_ERR_GRID_CODE',
          2,
          'feature 2 (id "c"): grid code "6109021": 7 characters, expected a 12-digit community code or a 15-digit grid code',
        ],
      ]);
    }
  });

  it('refuses two areas with the same community code, and a parentCode that is not 9 digits', () => {
    expect(() => gridsFromBoundaries([area({ code: '610902001001' }), area({ code: '610902001001' })])).toThrow(
      /grid code 610902001001001 is used by grids 0, 1/,
    );
    expect(() => gridsFromBoundaries([area({})], { parentCode: '610902001001' })).toThrow(
      /12 characters, expected a 9-digit street\/town code/,
    );
  });
});
