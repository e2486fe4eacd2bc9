import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { TestContext } from 'vitest';
import { checkins, trackDistance } from '../../src/patrols/patrol-checkins.ts';
import type { TrackPoint } from '../../src/patrols/check-patrol.ts';
import { parseGrids } from '@citygrid/core';
import type { BuildOptions } from '../../src/index.ts';
import { build, fixtureText } from '../helper.ts';

const PEOPLE = [
  { id: 'P1', name: '王丽', role: 'full-time', grids: ['A1', 'A2'] },
  { id: 'P2', name: '李娜', role: 'full-time', grids: ['B1'] },
];
const MIN = 60_000;

/** A patrol walking west to east through A1 then A2 (the 2×2 fixture: A1 109.00–109.01, A2 109.01–109.02, lat 32.68–32.69). */
function walk(id: string, start = Date.now() - 30 * MIN) {
  const track = [109.002, 109.006, 109.012, 109.018, 109.025].map((lon, i) => [lon, 32.685, start + i * MIN, 8]);
  return { id, started_at: new Date(start).toISOString(), ended_at: new Date(start + 5 * MIN).toISOString(), track };
}

async function withPeople(t: TestContext, options: BuildOptions = {}) {
  const app = await build(t, options);
  const parsed = parseGrids(fixtureText('grid-2x2/grids.geojson'), { idField: 'id' });
  if (!parsed.ok) throw new Error('grid fixture does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.people.insert(PEOPLE);
  return app;
}

describe('POST /api/patrols', () => {
  test('stores the track and one check-in per grid entered, at its first sample; a resend answers 200 with the stored patrol', async (t) => {
    const app = await withPeople(t);
    const body = { ...walk('p-1'), person: 'P1' };
    const first = await app.inject({ method: 'POST', url: '/api/patrols', payload: body });
    expect(first.statusCode, first.body).toBe(201);
    const patrol = first.json();
    expect(patrol).toMatchObject({ id: 'p-1', person_id: 'P1', points: 5 });
    expect(patrol.checkins.map((c: { grid_id: string; checked_in_at: string }) => [c.grid_id, c.checked_in_at])).toEqual([
      ['A1', new Date(body.track[0][2]).toISOString()],
      ['A2', new Date(body.track[2][2]).toISOString()],
    ]);
    expect(patrol.distance_m).toBeCloseTo(trackDistance(body.track as TrackPoint[]), 6);
    expect(patrol.distance_m).toBeGreaterThan(2000); // 0.023° of longitude at 32.685° ≈ 2.15 km
    const again = await app.inject({ method: 'POST', url: '/api/patrols', payload: body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(patrol);
    const counts = await app.store.db.read(async (conn) =>
      (
        await conn.runAndReadAll('SELECT (SELECT count(*) FROM patrols)::INT AS p, (SELECT count(*) FROM patrol_checkins)::INT AS c')
      ).getRowObjectsJS(),
    );
    expect(counts).toEqual([{ p: 1, c: 2 }]);
  });

  test('converts a gcj02 track to WGS84 before routing', async (t) => {
    const app = await withPeople(t);
    // GCJ-02 is ~500 m off WGS84 around Ankang: the same numbers land elsewhere once converted.
    const body = { ...walk('p-gcj'), person: 'P1', crs: 'gcj02' };
    const res = await app.inject({ method: 'POST', url: '/api/patrols', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const [lon, lat] = res.json().track[0];
    expect(Math.abs(lon - 109.002) + Math.abs(lat - 32.685)).toBeGreaterThan(0.001);
  });

  test('the same id for another person is 409; an unknown person 422', async (t) => {
    const app = await withPeople(t);
    expect((await app.inject({ method: 'POST', url: '/api/patrols', payload: { ...walk('p-2'), person: 'P1' } })).statusCode).toBe(201);
    const other = await app.inject({ method: 'POST', url: '/api/patrols', payload: { ...walk('p-2'), person: 'P2' } });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toBe('CG_ERR_DUPLICATE_PATROL');
    const unknown = await app.inject({ method: 'POST', url: '/api/patrols', payload: { ...walk('p-3'), person: 'P404' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toBe('CG_ERR_UNKNOWN_PERSON');
  });

  type Body = ReturnType<typeof walk>;
  const SPOILT: [string, (b: Body) => void, string, RegExp][] = [
    ['a swapped point', (b) => (b.track[1] = [32.685, 109.006, b.track[1][2], 5]), 'track/1', /\[lat, lon\]/],
    ['times out of order', (b) => (b.track[3][2] = b.track[1][2] - 1), 'track/3', /time order/],
    [
      'a sample in the future',
      (b) => {
        b.ended_at = null as never;
        b.track[4][2] = Date.now() + 3_600_000;
      },
      'track/4',
      /future/,
    ],
    ['a start in the future', (b) => (b.started_at = new Date(Date.now() + 3_600_000).toISOString()), 'started_at', /future/],
    ['an end before the start', (b) => (b.ended_at = '2000-01-01T00:00:00Z'), 'ended_at', /before started_at/],
    ['a sample before the start', (b) => (b.track[0][2] -= 3_600_000), 'track/0', /before started_at/],
    ['a crs other than wgs84 or gcj02', (b) => Object.assign(b, { crs: 'bd09' }), 'crs', /wgs84/],
  ];
  test.for(SPOILT)('refuses %s with 400 naming the item, storing nothing', async ([, spoil, field, why], t) => {
    const app = await withPeople(t);
    const body = walk('p-bad');
    spoil(body);
    const res = await app.inject({ method: 'POST', url: '/api/patrols', payload: { ...body, person: 'P1' } });
    expect(res.statusCode, res.body).toBe(400);
    const message = JSON.stringify(res.json());
    expect(message).toContain(field);
    expect(message).toMatch(why);
    expect((await app.store.patrols.list({})).length).toBe(0);
  });
});

describe('person scope', () => {
  async function withKeys(t: TestContext) {
    const app = await withPeople(t, { auth: {} });
    const make = async (options: Parameters<typeof app.store.keys.create>[0]) => (await app.store.keys.create(options)).key;
    return {
      app,
      p1: await make({ role: 'inspector', grids: ['A1', 'A2'], person: 'P1' }),
      p2: await make({ role: 'inspector', grids: ['B1'], person: 'P2' }),
      anon: await make({ role: 'inspector', grids: ['B1'] }),
      desk: await make({ role: 'supervisor' }),
      admin: await make({ role: 'admin' }),
    };
  }
  const post = (app: Awaited<ReturnType<typeof withKeys>>['app'], key: string, payload: object) =>
    app.inject({ method: 'POST', url: '/api/patrols', headers: { authorization: `Bearer ${key}` }, payload });
  const get = (app: Awaited<ReturnType<typeof withKeys>>['app'], key: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  test("a patrol is stored under the key's person; a key without a person, or naming another, is refused", async (t) => {
    const { app, p1, p2, anon, admin } = await withKeys(t);
    const mine = await post(app, p1, walk('k-1'));
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().person_id).toBe('P1');
    expect((await post(app, p2, { ...walk('k-2'), person: 'P1' })).statusCode).toBe(403);
    const none = await post(app, anon, walk('k-3'));
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toBe('CG_ERR_NO_PERSON');
    expect((await post(app, admin, { ...walk('k-4'), person: 'P2' })).json().person_id).toBe('P2');
    // Another person resending P1's id does not get P1's patrol.
    expect((await post(app, p2, walk('k-1'))).statusCode).toBe(409);
  });

  test('an inspector reads its own patrols only; the desk reads everyone, by person and time', async (t) => {
    const { app, p1, p2, desk } = await withKeys(t);
    await post(app, p1, walk('r-1', Date.now() - 3 * 3_600_000));
    await post(app, p2, walk('r-2', Date.now() - 2 * 3_600_000));
    const ids = (res: { json(): { patrols: { id: string }[] } }) => res.json().patrols.map((p) => p.id);
    expect(ids(await get(app, p1, '/api/patrols'))).toEqual(['r-1']);
    expect((await get(app, p1, '/api/patrols?person=P2')).statusCode).toBe(403);
    expect(ids(await get(app, desk, '/api/patrols'))).toEqual(['r-2', 'r-1']);
    expect(ids(await get(app, desk, '/api/patrols?person=P2'))).toEqual(['r-2']);
    const from = new Date(Date.now() - 2.5 * 3_600_000).toISOString();
    expect(ids(await get(app, desk, `/api/patrols?from=${encodeURIComponent(from)}`))).toEqual(['r-2']);
    expect((await get(app, desk, '/api/patrols?from=yesterday')).statusCode).toBe(400);
  });

  test("GET /api/me answers the key's role, grids and person; keys create refuses an unknown person", async (t) => {
    const { app, p1, anon } = await withKeys(t);
    const me = (await get(app, p1, '/api/me')).json();
    expect(me.key).toMatchObject({ role: 'inspector', grids: ['A1', 'A2'], person: 'P1' });
    expect(me.person).toMatchObject({ id: 'P1', name: '王丽', grids: ['A1', 'A2'] });
    expect(me.person.phone).toBeUndefined();
    expect((await get(app, anon, '/api/me')).json().person).toBeNull();
    await expect(app.store.keys.create({ role: 'inspector', grids: ['A1'], person: 'P404' })).rejects.toThrow(/P404/);
    // The link survives a reload of the keys table (the server restarting).
    await app.store.keys.load();
    expect((await get(app, p1, '/api/me')).json().key.person).toBe('P1');
  });
});

describe('checkins', () => {
  test('one per grid entered, at its first sample, in time order', () => {
    const sample = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 60 });
    fc.assert(
      fc.property(sample, (steps) => {
        const track: TrackPoint[] = [];
        let t = 0;
        for (const [cell, dt] of steps) {
          t += dt;
          track.push([cell, 0, t, null]);
        }
        const gridOf = (lon: number) => (lon === 0 ? null : `G${lon}`);
        const got = checkins(track, gridOf);
        expect(new Set(got.map((c) => c.gridId)).size).toBe(got.length);
        for (const c of got) expect(c.at).toBe(track.find((p) => gridOf(p[0]) === c.gridId)![2]);
        expect(got.map((c) => c.at)).toEqual([...got.map((c) => c.at)].sort((a, b) => a - b));
        expect(got.length).toBe(new Set(track.map((p) => gridOf(p[0])).filter(Boolean)).size);
      }),
    );
  });
});
