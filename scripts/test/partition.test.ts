import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCodes, ellipsoidalArea, parseGrids, validateCoverage } from '@citygrid/core';
import type { FeatureCollection, Polygon } from 'geojson';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../commands/command.ts';
import { partitionCommand } from '../commands/partition.ts';
import { citygrid } from './cli.ts';

/**
 * Runs the command in this process (a spawned CLI costs ~1 s of tsx start-up per case): exit
 * code, stdout and stderr as the CLI would give them. The first test spawns the real CLI.
 */
async function partition(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '',
    stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });

  try {
    const status = await runCommand(partitionCommand, args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

// An L-shaped community of about 0.9 km² (synthetic), and workload points in and around it.
const COMMUNITY: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [109, 32.7],
      [109.012, 32.7],
      [109.012, 32.704],
      [109.005, 32.704],
      [109.005, 32.71],
      [109, 32.71],
      [109, 32.7],
    ],
  ],
};

let dir: string;
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const readFc = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon>;

describe('citygrid partition', () => {
  let area: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'citygrid-partition-'));
    area = file('area.geojson', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'c1', name: '某社区', synthetic: true }, geometry: COMMUNITY }],
    });
    const rows = ['lon,lat,households'];
    // In the L's southern bar (109–109.012 E, 32.700–32.704 N), off its border.
    for (let i = 0; i < 400; i++)
      rows.push(
        `${(109.00001 + ((i * 37) % 100) * 0.00012).toFixed(6)},${(32.70001 + ((i * 61) % 100) * 0.00004).toFixed(6)},${1 + (i % 3)}`,
      );
    rows.push('109.5,32.9,7'); // outside the area
    file('points.csv', rows.join('\n') + '\n');
  });

  it('splits into --count grids coded under --parent-code, writes them and reports a valid tiling (the real CLI)', () => {
    const out = join(dir, 'count.geojson');
    const r = citygrid(['partition', area, '--count', '4', '--parent-code', '610902001001', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /area\.geojson: 4 grids \(splitArea, seed 0\) over 0\.\d{3} km², written to .*count\.geojson\ncoverage: valid/,
    );
    expect(r.stdout).toMatch(/compact +mean 0\.\d{3} +min 0\.\d{3}/);
    const fc = readFc(out);
    expect(fc.features.map((f) => f.properties!.code)).toEqual([
      '610902001001001',
      '610902001001002',
      '610902001001003',
      '610902001001004',
    ]);
    for (const f of fc.features) {
      expect(Object.keys(f.properties!)).toEqual(['id', 'name', 'code', 'parent', 'area_m2']);
      expect(f.properties).toMatchObject({
        id: f.properties!.code,
        parent: '610902001001',
        area_m2: Math.round(ellipsoidalArea(f.geometry)),
      });
    }
    expect(fc.features[0].properties!.name).toBe('某社区第01网格');
    expect(checkCodes(fc.features)).toEqual([]);
    const parsed = parseGrids(fc);
    expect(parsed.ok && validateCoverage(parsed.gridSet, { parent: COMMUNITY }).valid).toBe(true);
  });

  it('gives the same grids for the same --seed', async () => {
    const [a, b] = ['s1.geojson', 's2.geojson'].map((n) => join(dir, n));
    await partition([area, '--count', '3', '--seed', '7', '--out', a]);
    await partition([area, '--count', '3', '--seed', '7', '--out', b]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('makes about area / --target-area grids', async () => {
    const out = join(dir, 'target.geojson');
    const r = await partition([area, '--target-area', '150000', '--out', out]);
    expect(r.status).toBe(0);
    expect(readFc(out).features).toHaveLength(Math.round(ellipsoidalArea(COMMUNITY) / 150000));
    expect(readFc(out).features[0].properties).toMatchObject({ id: 'c1-01', code: null, parent: 'c1' });
  });

  it('makes a hex grid with --shape hex --size, numbered by lattice rows, and prints the report as --json', async () => {
    const out = join(dir, 'hex.geojson');
    const r = await partition([area, '--shape', 'hex', '--size', '80', '--parent-code', '610902001001', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ valid: true, problems: 0 });
    expect(report.count).toBe(readFc(out).features.length);
    expect(report.grids[0]).toMatchObject({ id: '610902001001001', code: '610902001001001' });
    expect(report.area.total).toBeCloseTo(ellipsoidalArea(COMMUNITY), 3);
    expect(report.compactness.min).toBeGreaterThan(0);
  });

  it('balances --weights (CSV, --weight-field) over --count grids, ignores points outside with a count on stderr, reports loads', async () => {
    const out = join(dir, 'weights.geojson');
    const r = await partition([
      area,
      '--count',
      '3',
      '--weights',
      join(dir, 'points.csv'),
      '--weight-field',
      'households',
      '--out',
      out,
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^citygrid partition: 1 of 401 points in .*points\.csv lie outside the area: ignored\n$/);
    const report = JSON.parse(r.stdout);
    expect(report.load.total).toBe(799);
    expect(report.load.maxOverMean).toBeLessThan(1.15);
    expect(report.grids.map((g: { load: number }) => g.load).reduce((a: number, b: number) => a + b, 0)).toBe(799);
  });

  it('puts grid borders on --cut-lines roads: a road slanting across a square splits it in two along it', async () => {
    // A 1 km square (a vertex every 100 m) and a road slanting across it: without the road the
    // two halves would meet along 32.705 N.
    const ring: number[][] = [];
    for (let i = 0; i < 40; i++) {
      const t = (i % 10) / 1000;
      ring.push(
        [
          [109 + t, 32.7],
          [109.01, 32.7 + t],
          [109.01 - t, 32.71],
          [109, 32.71 - t],
        ][Math.floor(i / 10)].map((v) => Math.round(v * 1e6) / 1e6),
      );
    }
    const square: Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
    const squareFile = file('square.geojson', { type: 'Feature', properties: { id: 's1' }, geometry: square });
    const road = file('road.geojson', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '某路' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [108.99, 32.703],
              [109.02, 32.707],
            ],
          },
        },
      ],
    });
    const onRoad = (lon: number) => 32.703 + ((lon - 108.99) * 0.004) / 0.03;
    const out = join(dir, 'cut.geojson');
    const r = await partition([squareFile, '--count', '2', '--cut-lines', road, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const parsed = parseGrids(readFc(out));
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    expect(validateCoverage(parsed.gridSet, { parent: square }).valid).toBe(true);
    // Every vertex the two grids share lies on the road, but the two on the square's sides
    // (the ring vertices nearest where the road crosses them).
    const [a, b] = readFc(out).features.map((f) => new Set(f.geometry.coordinates[0].map((p) => p.join())));
    const shared = [...a].filter((p) => b.has(p)).map((p) => p.split(',').map(Number));
    const inner = shared.filter(([lon]) => lon > 109 && lon < 109.01);
    expect(inner.length).toBeGreaterThan(5);
    expect(shared.length - inner.length).toBe(2);
    for (const [lon, lat] of inner) expect(Math.abs(lat - onRoad(lon))).toBeLessThan(1e-6);
  });

  it('lets a grid span an enclave and the main part with --join-parts (一格多点), keeping the grids even', async () => {
    const box = (x0: number, y0: number, x1: number, y1: number) => [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ];
    const town = file('town.geojson', {
      type: 'Feature',
      properties: { id: 't1' },
      geometry: { type: 'MultiPolygon', coordinates: [box(109, 32.7, 109.03, 32.71), box(109.04, 32.7, 109.045, 32.705)] },
    });
    const out = join(dir, 'joined.geojson');
    const r = await partition([town, '--count', '4', '--join-parts', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).area.maxOverMean).toBeLessThan(1.05);
    expect(readFc(out).features.filter((f) => (f.geometry.type as string) === 'MultiPolygon')).toHaveLength(1);
  });

  it.each([
    ['no area file', [], /expected one area GeoJSON file, got 0/],
    [
      'no way to divide',
      ['AREA', '--out', 'x.geojson'],
      /say how to divide the area: --count n, --target-area m2, or --shape square\|hex --size m/,
    ],
    ['--count 0', ['AREA', '--count', '0', '--out', 'x.geojson'], /--count 0: expected an integer ≥ 1/],
    ['--count 2.5', ['AREA', '--count', '2.5', '--out', 'x.geojson'], /--count 2\.5: expected an integer ≥ 1/],
    [
      '--count with --target-area',
      ['AREA', '--count', '2', '--target-area', '1000', '--out', 'x.geojson'],
      /give --count or --target-area, not both/,
    ],
    ['--weights without a count', ['AREA', '--weights', 'POINTS', '--out', 'x.geojson'], /--weights needs --count n or --target-area m2/],
    ['--shape without --size', ['AREA', '--shape', 'hex', '--out', 'x.geojson'], /--shape needs --size m/],
    ['a triangle shape', ['AREA', '--shape', 'triangle', '--size', '10', '--out', 'x.geojson'], /--shape triangle: expected square or hex/],
    ['--h3 with squares', ['AREA', '--shape', 'square', '--size', '10', '--h3', '--out', 'x.geojson'], /--h3 needs --shape hex/],
    [
      'a bad --parent-code',
      ['AREA', '--count', '2', '--parent-code', '6109', '--out', 'x.geojson'],
      /--parent-code 6109: expected the 12-digit community code or the 9-digit street\/town code/,
    ],
    ['no --out', ['AREA', '--count', '2'], /--out is required/],
    [
      '--cut-lines with a regular grid',
      ['AREA', '--shape', 'square', '--size', '100', '--cut-lines', 'ROADS', '--out', 'x.geojson'],
      /--cut-lines works with --count or --target-area/,
    ],
    ['a missing file', ['/nonexistent/area.geojson', '--count', '2', '--out', 'x.geojson'], /cannot read \/nonexistent\/area\.geojson/],
  ])('exits 2 on %s', async (_why, args, message) => {
    const roads = file('roads.geojson', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [109, 32.7],
              [109.01, 32.71],
            ],
          },
        },
      ],
    });
    const map = (a: string) =>
      a === 'AREA' ? area : a === 'POINTS' ? join(dir, 'points.csv') : a === 'ROADS' ? roads : a === 'x.geojson' ? join(dir, a) : a;
    const r = await partition((args as string[]).map(map));
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
  });

  it.each([
    [
      'a LineString area',
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [109, 32.7],
            [109.01, 32.71],
          ],
        },
      },
      /bad\.geojson: expected Polygon or MultiPolygon, got "LineString"/,
    ],
    [
      'two areas',
      { type: 'FeatureCollection', features: [1, 2].map(() => ({ type: 'Feature', properties: {}, geometry: COMMUNITY })) },
      /expected one area \(a Polygon or MultiPolygon feature\), got 2 features/,
    ],
    ['text that is not JSON', '{"type":', /not valid JSON/],
  ])('exits 2 on %s, naming the file', async (_why, content, message) => {
    const bad = file('bad.geojson', content);
    const r = await partition([bad, '--count', '2', '--out', join(dir, 'x.geojson')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/bad\.geojson/);
  });

  it('exits 2 with the option named when core refuses it (CG_ERR_OPTION): more cells than regularGrid allows', async () => {
    const r = await partition([area, '--shape', 'square', '--size', '0.5', '--out', join(dir, 'x.geojson')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/regularGrid: 0\.5 m cells over this area would be [\d,]+ cells, more than maxCells 200000/);
    expect(r.stderr).toMatch(/fix: change the value the message names/);
  });

  it('exits 2 through the real CLI on bad input', () => {
    const r = citygrid(['partition', area, '--count', '0', '--out', join(dir, 'x.geojson')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/citygrid partition: --count 0: expected an integer ≥ 1\n {2}fix: run the command with --help/);
  });

  it('exits 2 on a points row without a position, naming its line', async () => {
    const pts = file('bad-points.csv', 'lon,lat,households\n109.001,32.701,1\n,32.702,1\n');
    const r = await partition([area, '--count', '2', '--weights', pts, '--weight-field', 'households', '--out', join(dir, 'x.geojson')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-points\.csv: line 3: lon "", lat "32\.702" is not a WGS84 position/);
  });
});
