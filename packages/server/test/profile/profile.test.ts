import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CitygridError } from '@citygrid/core';
import { openStore } from '../../src/index.ts';
import { readProfileFile } from '../../src/profile/read-profile-file.ts';
import { build, buildWithGrids, fixture } from '../helper.ts';

const PROFILE_PATH = join(import.meta.dirname, '../fixtures/profile/city.json');
const city = () => fixture<Record<string, any>>('profile/city.json');
const roads = () => fixture<Record<string, unknown>>('profile/roads.geojson');

/** An app with the 2×2 grids and the fixture profile (its road uploaded first). */
async function withProfile(t: Parameters<typeof build>[0], edit: (p: Record<string, any>) => void = () => {}) {
  const app = await buildWithGrids(t);
  expect((await app.inject({ method: 'PUT', url: '/api/profile/files/roads.geojson', payload: roads() })).statusCode).toBe(200);
  const profile = city();
  edit(profile);
  const res = await app.inject({ method: 'PUT', url: '/api/profile', payload: profile });
  expect(res.statusCode, res.body).toBe(200);
  return app;
}

const post = (app: Awaited<ReturnType<typeof build>>, payload: object) => app.inject({ method: 'POST', url: '/api/reports', payload });
const report = { lon: 109.005, lat: 32.685, source: '12345', created_at: '2026-11-02T08:00:00+08:00' };

describe('the city profile over HTTP', () => {
  test('serves the shipped default (version 0) and its catalogue until a city stores its own', async (t) => {
    const app = await build(t);
    const got = (await app.inject('/api/profile')).json();
    expect(got).toMatchObject({ version: 0, created_at: null, profile: { name: 'citygrid', timezone: '+08:00' } });
    const catalogue = (await app.inject('/api/profile/catalogue')).json();
    expect(catalogue.categories).toHaveLength(250);
    expect(catalogue.sources.map((s: { code: string }) => s.code)).toContain('inspector-app');
    expect(catalogue.team_roles.map((r: { code: string }) => r.code)).toEqual([
      'grid-head',
      'instructor',
      'full-time',
      'specialist',
      'optional',
    ]);
  });

  test('serves the JSON Schema profiles are checked against', async (t) => {
    const schema = (await (await build(t)).inject('/api/profile/schema')).json();
    expect(schema.required).toEqual(['name', 'timezone']);
    expect(Object.keys(schema.properties)).toContain('dispatch');
  });

  test('refuses a bad profile with every problem and its JSON pointer, and keeps the one in use', async (t) => {
    const app = await build(t);
    const bad = { ...city(), timezone: 'Mars/Base', departments: [{ code: 'cgj', name: '城管局', level: 'province' }] };
    const res = await app.inject({ method: 'PUT', url: '/api/profile', payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems.map((p: { path: string }) => p.path)).toEqual(['/departments/0/level']);
    const semantic = await app.inject({ method: 'PUT', url: '/api/profile', payload: { ...city(), timezone: 'Mars/Base' } });
    expect(
      semantic
        .json()
        .problems.map((p: { path: string }) => p.path)
        .sort(),
    ).toEqual(['/timezone']);
    expect((await app.inject('/api/profile')).json().version).toBe(0);
  });

  test('a file the profile names must be uploaded first; an identical profile stores no new version', async (t) => {
    const app = await build(t);
    const missing = await app.inject({ method: 'PUT', url: '/api/profile', payload: city() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().problems[0]).toMatchObject({ code: 'CG_ERR_PROFILE', path: '/corridors/0/file' });
    expect(missing.json().problems[0].fix).toMatch(/PUT \/api\/profile\/files/);
    const notGeoJson = await app.inject({ method: 'PUT', url: '/api/profile/files/roads.geojson', payload: { type: 'Feature' } });
    expect(notGeoJson.statusCode).toBe(400);
    await app.inject({ method: 'PUT', url: '/api/profile/files/roads.geojson', payload: roads() });
    expect((await app.inject({ method: 'PUT', url: '/api/profile', payload: city() })).json()).toEqual({ version: 1, changed: true });
    expect((await app.inject({ method: 'PUT', url: '/api/profile', payload: city() })).json()).toEqual({ version: 1, changed: false });
    expect((await app.inject('/api/profile')).json()).toMatchObject({ version: 1, profile: { name: '测试区' } });
  });

  test('loads the boundary levels the profile names; a bad boundary file changes nothing', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'PUT', url: '/api/profile/files/roads.geojson', payload: roads() });
    const withStreets = { ...city(), boundaries: [{ file: 'streets.geojson', level: 'street', id_field: 'code', name_field: 'name' }] };
    await app.inject({
      method: 'PUT',
      url: '/api/profile/files/streets.geojson',
      payload: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: 'x' }, geometry: { type: 'Point', coordinates: [109, 32.69] } }],
      },
    });
    const refused = await app.inject({ method: 'PUT', url: '/api/profile', payload: withStreets });
    expect(refused.statusCode).toBe(400);
    expect((await app.inject('/api/profile')).json().version).toBe(0);
    await app.inject({
      method: 'PUT',
      url: '/api/profile/files/streets.geojson',
      payload: fixture<Record<string, unknown>>('profile/streets.geojson'),
    });
    expect((await app.inject({ method: 'PUT', url: '/api/profile', payload: withStreets })).json()).toEqual({ version: 1, changed: true });
    const streets = (await app.inject('/api/boundaries?level=street')).json();
    expect(streets.features.map((f: { properties: { id: string; name: string } }) => [f.properties.id, f.properties.name])).toEqual([
      ['610902001', '测试街道 (synthetic)'],
    ]);
  });

  test('a stored profile is the one in use when the file is opened again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-profile-'));
    try {
      const path = join(dir, 'city.duckdb');
      const store = await openStore(path);
      const { profile, files } = readProfileFile(PROFILE_PATH);
      await store.profiles.replace(profile, files, 'cli');
      await store.close();
      const again = await openStore(path);
      expect(again.profiles.stored()).toMatchObject({ version: 1, created_by: 'cli' });
      expect(again.profiles.current().catalogue.category('Bulky Items')?.standard).toBe('06035');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reports under the profile', () => {
  test("accepts the city's own codes and sources; refuses others naming what is allowed", async (t) => {
    const app = await withProfile(t);
    const ok = await post(app, { ...report, id: 'b1', category: 'Bulky Items', source: '12319' });
    expect(ok.statusCode, ok.body).toBe(201);
    const unknown = await post(app, { ...report, category: 'Metal/Household Appliances' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().problems[0].code).toBe('CG_ERR_UNKNOWN_CATEGORY');
    const source = await post(app, { ...report, category: '06010', source: 'fax' });
    expect(source.statusCode).toBe(400);
    expect(source.json().message).toMatch(/must be one of 12345, app, .*12319/);
  });

  test('unknown_category "other" keeps the report under its own text, flagged', async (t) => {
    const app = await withProfile(t, (p) => (p.unknown_category = 'other'));
    expect((await post(app, { ...report, id: 'm1', category: 'Metal/Household Appliances' })).statusCode).toBe(201);
    expect((await app.inject('/api/reports/m1')).json()).toMatchObject({
      category: 'Metal/Household Appliances',
      category_known: false,
      department: 'cgj',
      dispatch_rule: 'default',
    });
  });

  test('checks attributes per category and keeps them; an attribute rule sends a large building up a level', async (t) => {
    const app = await withProfile(t);
    const missing = await post(app, { ...report, category: '06001' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('body/attributes/area_m2 is required (面积)');
    const negative = await post(app, { ...report, category: '06001', attributes: { area_m2: -3 } });
    expect(negative.json().message).toMatch(/attributes\/area_m2 must be at least 0/);
    await post(app, [
      { ...report, id: 'small', category: '06001', attributes: { area_m2: 120 } },
      { ...report, id: 'large', category: '06001', attributes: { area_m2: 620 } },
    ]);
    expect((await app.inject('/api/reports/small')).json()).toMatchObject({
      attributes: { area_m2: 120 },
      department: 'cgj',
      owner_level: 'district',
      dispatch_rule: '/dispatch/0',
    });
    expect((await app.inject('/api/reports/large')).json()).toMatchObject({
      attributes: { area_m2: 620 },
      department: 'cgj-city',
      owner_level: 'city',
      dispatch_rule: '/dispatch/1',
    });
  });

  test('a report on the main road goes to the corridor department; reports filter by department', async (t) => {
    const app = await withProfile(t);
    await post(app, [
      { ...report, id: 'road', category: '06010', lat: 32.6951 },
      { ...report, id: 'off', category: '06010', lat: 32.6985 },
    ]);
    expect((await app.inject('/api/reports/road')).json()).toMatchObject({
      grid_id: 'B1',
      department: 'city-team',
      owner_level: 'city',
      dispatch_rule: '/corridors/0',
    });
    expect((await app.inject('/api/reports/off')).json()).toMatchObject({ department: 'cgj', dispatch_rule: '/dispatch/0' });
    const page = (await app.inject('/api/reports?department=city-team')).json();
    expect(page.reports.map((r: { id: string }) => r.id)).toEqual(['road']);
  });

  test("keeps description and address; the contact only through the operators' route, never in reads or exports", async (t) => {
    const app = await withProfile(t);
    const contact = { name: '张三', phone: '13800000000' };
    await post(app, { ...report, id: 'c1', category: '06010', description: '路边垃圾堆积', address: '兴安路12号', contact });
    const read = await app.inject('/api/reports/c1');
    expect(read.json()).toMatchObject({ description: '路边垃圾堆积', address: '兴安路12号' });
    for (const url of ['/api/reports/c1', '/api/reports', '/api/reports?format=csv', '/api/reports?format=geojson']) {
      expect((await app.inject(url)).body).not.toContain('13800000000');
    }
    expect((await app.inject('/api/reports/c1/contact')).json()).toEqual({ contact });
    expect((await app.inject('/api/reports/nope')).statusCode).toBe(404);
  });

  test('CSV exports escape free text that a spreadsheet would run as a formula', async (t) => {
    const app = await withProfile(t);
    await post(app, { ...report, id: 'x1', category: '06010', description: '=HYPERLINK("http://x","y")', address: '+86 road' });
    const csv = (await app.inject('/api/reports?format=csv')).body;
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'+86 road`);
  });
});

describe('readProfileFile', () => {
  test('reads the profile and the files it names, relative to it', () => {
    const { profile, files } = readProfileFile(PROFILE_PATH);
    expect((profile as { name: string }).name).toBe('测试区');
    expect(Object.keys(files)).toEqual(['roads.geojson']);
  });

  test('names a missing file with its JSON pointer, and a bad profile with the file path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citygrid-profile-'));
    try {
      writeFileSync(join(dir, 'city.json'), readFileSync(PROFILE_PATH));
      const missing = (() => {
        try {
          readProfileFile(join(dir, 'city.json'));
        } catch (e) {
          return e;
        }
      })() as CitygridError;
      expect(missing.problems[0]).toMatchObject({
        path: '/corridors/0/file',
        message: expect.stringContaining('roads.geojson does not exist'),
      });
      writeFileSync(join(dir, 'bad.json'), '{"name": "x"}');
      expect(() => readProfileFile(join(dir, 'bad.json'))).toThrow(
        /bad.json: \/ must have required property timezone|bad.json: .*timezone/,
      );
      expect(() => readProfileFile(join(dir, 'none.json'))).toThrow(/does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
