import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
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
    expect(r.stderr).toMatch(/line 6: lon\/lat \[32\.705, 109\.005\] look swapped/);
    expect(r.stderr).toMatch(/line 7: .*not numbers/);
    expect(r.stderr).toMatch(
      /routed 6 rows in [\d.]+ s \([\d,]+ rows\/s\): 3 in a grid \(1 on a border, 0 nearest within the distance\), 1 outside every grid, 2 with bad coordinates/,
    );
    const rows = csvRows(readFileSync(out, 'utf8'));
    expect(rows.map((row) => [row.id, row.grid_id, row.match, row.distance_m, row.path])).toEqual([
      ['r1', '610902001001002', 'inside', '0', '610902001'],
      ['r2', '610902001001003', 'inside', '0', '610902001'],
      ['r3', '610902001001001', 'border', '0', '610902001'], // on a north–south border: the grid to the east
      ['r4', '', 'outside', '', ''],
      ['r5', '', 'invalid', '', ''],
      ['r6', '', 'invalid', '', ''],
    ]);
    expect(rows[0].category).toBe('06010'); // every input column survives
  });

  it("--profile adds department, owner_level and dispatch_rule by the profile's dispatch; a bad profile exits 2", () => {
    const r = citygrid(['route', GRIDS, REPORTS, '--profile', resolve(ROOT, 'data/profiles/hanbin.json')]);
    expect(r.status).toBe(1); // the two bad rows, as without --profile
    const rows = csvRows(r.stdout);
    expect(Object.keys(rows[0]).slice(-3)).toEqual(['department', 'owner_level', 'dispatch_rule']);
    const r1 = rows.find((row) => row.id === 'r1')!;
    expect([r1.department, r1.owner_level, r1.dispatch_rule]).toEqual(['cgj', 'district', '/dispatch/4']);
    const bad = citygrid(['route', GRIDS, REPORTS, '--profile', resolve(ROOT, 'data/fixtures/profiles/bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\/departments\/0\/level must be one of/);
  });

  it('writes CSV to stdout without --out and exits 0 when every row is routable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
    const clean = join(dir, 'clean.csv');
    const lines = readFileSync(REPORTS, 'utf8').trim().split('\n').slice(0, 5);
    writeFileSync(clean, lines.join('\n') + '\n');
    const r = citygrid(['route', GRIDS, clean]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id,lon,lat,category,source,created_at,grid_id,match,distance_m,path,path_names');
  });

  it('routes a GeoJSON point file, adding grid_id to each feature', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
    const input = join(dir, 'points.geojson');
    writeFileSync(
      input,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'p1' }, geometry: { type: 'Point', coordinates: [109.015, 32.705] } },
          { type: 'Feature', properties: { id: 'p2' }, geometry: { type: 'Point', coordinates: [120, 30] } },
        ],
      }),
    );
    const r = citygrid(['route', GRIDS, input]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).features.map((f: { properties: { grid_id: string } }) => f.properties.grid_id)).toEqual([
      '610902001001001',
      '',
    ]);
  });

  it.each([
    ['a missing report file', [GRIDS, '/nonexistent/reports.csv'], /cannot read \/nonexistent\/reports\.csv/],
    ['a missing grid file', ['/nonexistent/grids.geojson', REPORTS], /cannot read \/nonexistent\/grids\.geojson/],
    ['an unknown column', [GRIDS, REPORTS, '--lon-field', 'x'], /no column "x".*--lon-field/],
    ['an unknown extension', [GRIDS, GRIDS.replace('.geojson', '.txt')], /expected a \.csv, \.geojson or \.parquet/],
    ['one file only', [GRIDS], /expected a grid file and a report file/],
    [
      'an unknown --crs',
      [GRIDS, REPORTS, '--crs', 'EPSG:3857'],
      /coordinate system --crs "EPSG:3857" \(use one of wgs84, gcj02, bd09, cgcs2000\) is not supported/,
    ],
    ['a negative --max-distance', [GRIDS, REPORTS, '--max-distance=-5'], /--max-distance -5 is not a distance/],
    ['a bad --explain point', ['--explain', '109.0', GRIDS], /expected <lon>,<lat>/],
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
    expect(r.stdout).toMatch(/examples:\n {2}citygrid route/);
  });
});

describe('citygrid route: options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-'));
  const csv = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };

  it('converts GCJ-02 input (--crs gcj02) before routing', () => {
    // Here GCJ-02 lies ~450 m east and ~230 m south of WGS84 (Δlon ≈ −0.0049°, Δlat ≈ +0.0021°
    // back to WGS84): read as GCJ-02, a point 50 m inside the west edge lands outside, and one
    // in the eastern cell lands in the western one.
    const file = csv('gcj.csv', ['id,lon,lat', 'a,109.0005,32.705', 'b,109.0130,32.705']);
    const plain = csvRows(citygrid(['route', GRIDS, file]).stdout);
    const gcj = csvRows(citygrid(['route', GRIDS, file, '--crs', 'gcj02']).stdout);
    expect(plain.map((r) => r.grid_id)).toEqual(['610902001001002', '610902001001001']);
    expect(gcj.map((r) => r.grid_id)).toEqual(['', '610902001001002']);
  });

  it('takes a point within --max-distance metres of a grid as "nearest", with its distance', () => {
    const file = csv('near.csv', ['id,lon,lat', 'a,108.9998,32.705']); // 18.8 m west of the grids
    expect(csvRows(citygrid(['route', GRIDS, file]).stdout)[0]).toMatchObject({ grid_id: '', match: 'outside' });
    const row = csvRows(citygrid(['route', GRIDS, file, '--max-distance', '30']).stdout)[0];
    expect(row).toMatchObject({ grid_id: '610902001001002', match: 'nearest' });
    expect(Number(row.distance_m)).toBeCloseTo(18.76, 1);
  });

  it('fills the path columns from --hierarchy files, top first', () => {
    const towns = join(dir, 'towns.geojson');
    writeFileSync(
      towns,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: '610902001', name: '老城街道', level: 2, parent: '610902' }, geometry: null },
          { type: 'Feature', properties: { id: '610902', name: '汉滨区', level: 1, parent: null }, geometry: null },
        ],
      }),
    );
    const row = csvRows(citygrid(['route', GRIDS, csv('one.csv', ['id,lon,lat', 'a,109.005,32.705']), '--hierarchy', towns]).stdout)[0];
    expect(row).toMatchObject({ path: '610902/610902001', path_names: '汉滨区/老城街道' });
  });

  it('reads Parquet input and writes CSV', async () => {
    const parquet = join(dir, 'reports.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(`COPY (SELECT * FROM read_csv('${REPORTS}', header = true)) TO '${parquet}' (FORMAT parquet)`);
    conn.closeSync();
    const r = citygrid(['route', GRIDS, parquet]);
    expect(r.status).toBe(1); // the fixture's two bad rows
    expect(csvRows(r.stdout).map((row) => row.grid_id)).toEqual(['610902001001002', '610902001001003', '610902001001001', '', '', '']);
  });

  it('keeps the header of a header-only CSV and still checks its columns', () => {
    const empty = csv('empty.csv', ['id,lon,lat']);
    expect(citygrid(['route', GRIDS, empty])).toMatchObject({ status: 0, stdout: 'id,lon,lat,grid_id,match,distance_m,path,path_names\n' });
    expect(citygrid(['route', GRIDS, empty, '--lon-field', 'x'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/no column "x"/),
    });
  });

  it('writes Parquet BIGINT codes digit for digit and timestamps as ISO 8601', async () => {
    const parquet = join(dir, 'typed.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(
      `COPY (SELECT 610902002003001234::BIGINT AS report_id, TIMESTAMP '2025-12-01 01:22:47' AS created_at, 109.005 AS lon, 32.705 AS lat) TO '${parquet}' (FORMAT parquet)`,
    );
    conn.closeSync();
    const [row] = csvRows(citygrid(['route', GRIDS, parquet]).stdout);
    expect(row).toMatchObject({ report_id: '610902002003001234', created_at: '2025-12-01T01:22:47.000Z', grid_id: '610902001001002' });
  });

  it('exits 2 when --out cannot be written, leaving nothing behind', () => {
    const r = citygrid(['route', GRIDS, REPORTS, '--out', join(dir, 'no-such-folder', 'out.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write --out .*no-such-folder.*ENOENT/);
  });

  it('refuses a --max-distance that is not plain metres', () => {
    for (const bad of ['', '0x10', '1e3']) expect(citygrid(['route', GRIDS, REPORTS, `--max-distance=${bad}`]).status).toBe(2);
  });

  it('stops quietly when the reader closes the pipe', () => {
    const r = spawnSync('bash', ['-c', `node --import tsx scripts/citygrid.ts route ${GRIDS} ${REPORTS} | head -1`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('id,lon,lat,category,source,created_at,grid_id,match,distance_m,path,path_names\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('exits 2 naming the line of an unreadable CSV', () => {
    const r = citygrid(['route', GRIDS, csv('broken.csv', ['id,lon,lat', 'a,109.005,32.705', 'b,109.005,32.705,extra'])]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.csv: line 3: .*Invalid Record Length/);
  });

  it('explains one point: the answer, the rule and the grids within 20 m', () => {
    const r = citygrid(['route', '--explain', '109.01,32.705', GRIDS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/→ 测试网格1 \(610902001001001\): border/);
    expect(r.stdout).toMatch(
      /border of 610902001001001, 610902001001002; the border rule gives a point on a north–south border to the grid east of it/,
    );
    expect(r.stdout).toMatch(/0\.00 m {2}测试网格2 \(610902001001002\)/);
  });
});

describe('citygrid', () => {
  it('lists the commands on --help and exits 0; exits 2 with no command or an unknown one', () => {
    const help = citygrid(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['import', 'route', 'serve']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(citygrid([]).status).toBe(2);
    expect(citygrid(['frobnicate'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
  });
});
