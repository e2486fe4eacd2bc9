import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { mulberry32 } from '@citygrid/core';
import { describe, expect, test } from 'vitest';
import { exportReports } from '../../src/reports/export-reports.ts';
import { buildWithGrids, fixtureReports, loadBoundaries, loadFixture, sharedApp } from '../helper.ts';

const ids = (body: { reports: { id: string }[] }) => body.reports.map((r) => r.id);
const exportDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('citygrid-export-'));

/** Rows of a parquet file given as bytes, read back by DuckDB, with the created_at column's type. */
async function readParquet(bytes: Buffer): Promise<{ rows: Record<string, unknown>[]; createdType: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'citygrid-test-'));
  try {
    const path = join(dir, 'r.parquet');
    writeFileSync(path, bytes);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(`SELECT id, lon, lat, category, source, strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, grid_id, routed_version, routed_grid_id,
      description, address, attributes::JSON AS attributes, department, owner_level, dispatch_rule, category_known FROM '${path}'`)
    ).getRowObjectsJS();
    const type = (
      await conn.runAndReadAll(`SELECT column_type FROM (DESCRIBE SELECT * FROM '${path}') WHERE column_name = 'created_at'`)
    ).getRowObjectsJS()[0].column_type as string;
    conn.closeSync();
    db.closeSync();
    return { rows, createdType: type };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CSV without quoted fields (the fixture has none) as objects. */
function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const names = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('GET /api/reports filters', () => {
  const app = sharedApp(async (a) => {
    await loadFixture(a);
    await loadBoundaries(a);
  });

  test.for([
    ['one source', 'source=app', ['r2', 'r6']],
    ['several sources', 'source=app,wechat', ['r2', 'r4', 'r6']],
    ['a source and a category', 'source=12345&category=06010', ['r1', 'r5', 'r8']],
    ['a street: every grid of town T1', 'level=street&grid=T1', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']],
    ['a community: a level-3 grid is its own community', 'level=community&grid=A1', ['r1', 'r2']],
    ['level=grid is the plain grid filter', 'level=grid&grid=B2', ['r6', 'r7']],
    ['a street that does not exist', 'level=street&grid=T9', []],
  ] as const)('filters by %s', async ([, query, expected]) => {
    const res = await app().inject(`/api/reports?${query}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res.json())).toEqual(expected);
  });

  test('refuses level without grid, naming the parameter', async () => {
    const res = await app().inject('/api/reports?level=street');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('querystring/level');
  });

  test('pages a street with the cursor like any filter', async () => {
    const first = (await app().inject('/api/reports?level=street&grid=T1&limit=4')).json();
    const second = (await app().inject(`/api/reports?level=street&grid=T1&limit=4&cursor=${first.next}`)).json();
    expect([...ids(first), ...ids(second)]).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    expect(second.next).toBeNull();
  });
});

describe('GET /api/reports exports', () => {
  const app = sharedApp(loadFixture);
  const page = async (query = '') => (await app().inject(`/api/reports?limit=1000${query}`)).json().reports as Record<string, unknown>[];

  test("format=csv streams every report with the JSON page's fields and order, and removes its temporary file", async () => {
    const before = exportDirs().length;
    const res = await app().inject('/api/reports?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="reports.csv"');
    expect(res.headers['x-citygrid-count']).toBe('8');
    const rows = parseCsv(res.body);
    const json = await page();
    expect(rows.map((r) => r.id)).toEqual(json.map((r) => r.id));
    for (const [i, r] of rows.entries()) {
      const j = json[i];
      const text = (v: string) => v || null;
      expect({
        ...r,
        lon: Number(r.lon),
        lat: Number(r.lat),
        routed_version: r.routed_version === '' ? null : Number(r.routed_version),
        grid_id: text(r.grid_id),
        routed_grid_id: text(r.routed_grid_id),
        description: text(r.description),
        address: text(r.address),
        attributes: r.attributes ? JSON.parse(r.attributes) : null,
        department: text(r.department),
        owner_level: text(r.owner_level),
        dispatch_rule: text(r.dispatch_rule),
        category_known: r.category_known === 'true',
      }).toEqual(j);
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // rm runs after the stream closes
    expect(exportDirs().length).toBe(before);
  });

  test("format=geojson is a FeatureCollection of Points whose properties are the JSON page's", async () => {
    const res = await app().inject('/api/reports?format=geojson&category=06010');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    const json = await page('&category=06010');
    expect(fc.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(['r1', 'r3', 'r5', 'r7', 'r8']);
    fc.features.forEach((f: { geometry: unknown; properties: Record<string, unknown> }, i: number) => {
      const { lon, lat, ...properties } = json[i];
      expect(f).toEqual({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
    });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });

  test('an empty GeoJSON export is an empty FeatureCollection', async () => {
    const res = await app().inject('/api/reports?format=geojson&from=2030-01-01');
    expect(res.json()).toEqual({ type: 'FeatureCollection', features: [] });
    expect(res.headers['x-citygrid-count']).toBe('0');
  });

  test('format=parquet keeps the types: created_at is a UTC timestamp, the rest equal the JSON page', async () => {
    const res = await app().inject('/api/reports?format=parquet');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.apache.parquet');
    const { rows, createdType } = await readParquet(res.rawPayload);
    expect(createdType).toBe('TIMESTAMP WITH TIME ZONE');
    expect(rows).toEqual(await page());
  });

  test.for([
    ['text/csv', 'text/csv; charset=utf-8'],
    ['application/geo+json', 'application/geo+json; charset=utf-8'],
    ['application/x-parquet', 'application/vnd.apache.parquet'],
    ['text/csv;q=0.5, application/geo+json', 'application/geo+json; charset=utf-8'],
    ['text/html, */*', 'application/json; charset=utf-8'],
  ] as const)('Accept: %s answers %s', async ([accept, type]) => {
    const res = await app().inject({ url: '/api/reports', headers: { accept } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  test('format wins over Accept', async () => {
    const res = await app().inject({ url: '/api/reports?format=csv', headers: { accept: 'application/geo+json' } });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  test.for([
    ['cursor', 'format=csv&cursor=abc'],
    ['limit', 'format=geojson&limit=10'],
    ['format', 'format=xlsx'],
  ] as const)('refuses %s with an export, naming it', async ([name, query]) => {
    const res = await app().inject(`/api/reports?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(`querystring/${name}`);
  });
});

describe('GET /api/reports exports of a bigger set', () => {
  test('streams 200,000 reports as CSV and Parquet in bounded time', async (t) => {
    const app = await buildWithGrids(t);
    const rng = mulberry32(7);
    const n = 200_000;
    const reports = Array.from({ length: n }, (_, i) => ({
      id: `g${i}`,
      lon: 108.995 + rng() * 0.03,
      lat: 32.675 + rng() * 0.03,
      category: i % 3 ? '06010' : '09006',
      source: 'patrol',
      created_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    }));
    await app.store.insertReportsBulk(reports);
    const t0 = performance.now();
    const csv = await app.inject('/api/reports?format=csv');
    const csvMs = performance.now() - t0;
    expect(csv.headers['x-citygrid-count']).toBe(String(n));
    const lines = csv.body.split('\n');
    expect(lines.length).toBe(n + 2); // header, rows, final newline: one header although DuckDB sorted two slices
    expect(lines.filter((l) => l.startsWith('id,')).length).toBe(1);
    const times = lines.slice(1, -1).map((l) => l.split(',')[5]);
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true); // in order across slices
    const t1 = performance.now();
    const parquet = await app.inject('/api/reports?format=parquet&category=09006');
    const parquetMs = performance.now() - t1;
    expect(parquet.headers['x-citygrid-count']).toBe(String(Math.ceil(n / 3)));
    const geojson = await app.inject('/api/reports?format=geojson');
    const features = geojson.json().features as { properties: { id: string } }[];
    expect(features.length).toBe(n);
    expect(features[0].properties.id).toBe('g0');
    expect(features[n - 1].properties.id).toBe(`g${n - 1}`); // created_at rises with i
    expect(Number(geojson.headers['content-length'])).toBe(geojson.rawPayload.length);
    // Generous bounds for a shared 2-core machine; typical: ~0.5 s and ~0.2 s.
    expect(csvMs).toBeLessThan(15_000);
    expect(parquetMs).toBeLessThan(10_000);
  }, 60_000);
});

describe('exportReports slices', () => {
  test('sorting in slices of 3 rows writes the same bytes, in order, as one sort', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-test-'));
    t.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const read = (files: string[]) => Buffer.concat(files.map((f) => readFileSync(f))).toString();
    for (const format of ['csv', 'geojson'] as const) {
      mkdirSync(join(dir, format));
      mkdirSync(join(dir, `${format}-sliced`));
      const whole = await app.store.readSnapshot((s) => exportReports(s.conn, {}, format, join(dir, format)));
      const sliced = await app.store.readSnapshot((s) =>
        exportReports(s.conn, {}, format, join(dir, `${format}-sliced`), { sliceRows: 3 }),
      );
      expect(whole.files).toHaveLength(1);
      expect(sliced.files.length).toBeGreaterThan(2);
      expect([sliced.rows, whole.rows]).toEqual([8, 8]);
      expect(read(sliced.files)).toBe(read(whole.files));
    }
  });
});
