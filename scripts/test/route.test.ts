import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

const GRIDS = resolve(ROOT, 'packages/core/test/fixtures/tiling-2x2.geojson');
const REPORTS = resolve(ROOT, 'data/fixtures/reports-2x2.csv');

function csvRows(text: string): Array<Record<string, string>> {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('citygrid route', () => {
  it('adds grid_id to every row, keeps bad rows, lists them and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
    const out = join(dir, 'routed.csv');
    const r = citygrid(['route', GRIDS, REPORTS, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/row 6: lon\/lat \[32\.705, 109\.005\] look swapped/);
    expect(r.stderr).toMatch(/row 7: .*not numbers/);
    expect(r.stderr).toMatch(/routed 6 rows: 3 in a grid, 1 outside every grid, 2 with bad coordinates/);
    const rows = csvRows(readFileSync(out, 'utf8'));
    expect(rows.map((row) => [row.id, row.grid_id])).toEqual([
      ['r1', '610902001001002'],
      ['r2', '610902001001003'],
      ['r3', '610902001001001'], // on the shared edge: the smaller id
      ['r4', ''],
      ['r5', ''],
      ['r6', ''],
    ]);
    expect(rows[0].category).toBe('06010'); // every input column survives
  });

  it('writes CSV to stdout without --out and exits 0 when every row is routable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
    const clean = join(dir, 'clean.csv');
    const lines = readFileSync(REPORTS, 'utf8').trim().split('\n').slice(0, 5);
    writeFileSync(clean, lines.join('\n') + '\n');
    const r = citygrid(['route', GRIDS, clean]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id,lon,lat,category,source,created_at,grid_id');
  });

  it('routes a GeoJSON point file, adding grid_id to each feature', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
    const input = join(dir, 'points.geojson');
    writeFileSync(input, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'p1' }, geometry: { type: 'Point', coordinates: [109.015, 32.705] } },
      { type: 'Feature', properties: { id: 'p2' }, geometry: { type: 'Point', coordinates: [120, 30] } },
    ] }));
    const r = citygrid(['route', GRIDS, input]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).features.map((f: { properties: { grid_id: string } }) => f.properties.grid_id)).toEqual(['610902001001001', '']);
  });

  it.each([
    ['a missing report file', [GRIDS, '/nonexistent/reports.csv'], /cannot read \/nonexistent\/reports\.csv/],
    ['a missing grid file', ['/nonexistent/grids.geojson', REPORTS], /cannot read \/nonexistent\/grids\.geojson/],
    ['an unknown column', [GRIDS, REPORTS, '--lon-field', 'x'], /no column "x".*--lon-field/],
    ['an unknown extension', [GRIDS, GRIDS.replace('.geojson', '.txt')], /expected a \.csv or \.geojson/],
    ['one file only', [GRIDS], /expected a grid file and a report file/],
    ['an unknown flag', [GRIDS, REPORTS, '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('exits 2 on %s, naming it', (_why, args, message) => {
    const r = citygrid(['route', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('leaves no partial output file when it fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
    const out = join(dir, 'routed.csv');
    expect(citygrid(['route', GRIDS, REPORTS, '--lat-field', 'nope', '--out', out]).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('prints help with an example and exits 0', () => {
    const r = citygrid(['route', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/example: citygrid route/);
  });
});

describe('citygrid', () => {
  it('lists the commands on --help and exits 0; exits 2 with no command or an unknown one', () => {
    expect(citygrid(['--help'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/import.*\n.*route.*\n.*serve/) });
    expect(citygrid([]).status).toBe(2);
    expect(citygrid(['frobnicate'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
  });
});
