import { describe, expect, test } from 'vitest';
import { parseGrids } from '@citygrid/core';
import type { FastifyInstance } from 'fastify';
import { PeopleService } from '../../src/people/people-service.ts';
import { build, buildWithGrids, fixture } from '../helper.ts';

// Seed 001's 1+1+1+5+X for grid A1, and a head who serves two grids (一人多格).
const TEAM = [
  { id: 'P1', name: '张伟', phone: '13800000001', role: 'grid-head', grids: ['A1', 'A2'] },
  { id: 'P2', name: '李娜', role: 'instructor', grids: ['A1'] },
  { id: 'P3', name: '王丽', phone: '0915-3212345', role: 'full-time', grids: ['A1'] },
  { id: 'P4', name: '赵军', role: 'specialist', department: 'cgj', grids: ['A1', 'B1'] },
  { id: 'P5', name: '陈静', role: 'specialist', department: 'gajj', grids: ['A1'] },
  { id: 'P6', name: '刘洋', role: 'optional', grids: ['A2'] },
];

async function withTeam(t: Parameters<typeof build>[0]): Promise<FastifyInstance> {
  const app = await buildWithGrids(t);
  const res = await app.inject({ method: 'POST', url: '/api/people', payload: TEAM });
  if (res.statusCode !== 201) throw new Error(res.body);
  return app;
}

const ids = (body: { people: { id: string }[] }) => body.people.map((p) => p.id);

describe('POST /api/people', () => {
  test('stores one person or a batch, with defaults, and answers them as stored', async (t) => {
    const app = await buildWithGrids(t);
    const one = await app.inject({
      method: 'POST',
      url: '/api/people',
      payload: { id: 'P9', name: ' 孙悦 ', role: 'full-time', grids: ['B2', 'A1'] },
    });
    expect(one.statusCode).toBe(201);
    expect(one.json()).toMatchObject({
      created: 1,
      people: [{ id: 'P9', name: '孙悦', role: 'full-time', department: null, active: true, grids: ['A1', 'B2'] }],
    });
    const batch = await app.inject({ method: 'POST', url: '/api/people', payload: TEAM });
    expect(batch.statusCode).toBe(201);
    expect(batch.json().created).toBe(6);
    expect(ids(batch.json())).toEqual(TEAM.map((p) => p.id));
  });

  test('one person serves many grids and a grid has many people (一人多格、一格多人)', async (t) => {
    const app = await withTeam(t);
    expect(ids((await app.inject('/api/people?grid=A1')).json())).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(ids((await app.inject('/api/people?grid=A2')).json())).toEqual(['P1', 'P6']);
    expect((await app.inject('/api/people/P1')).json().grids).toEqual(['A1', 'A2']);
  });

  test.for([
    [
      'an unknown team role',
      { role: 'boss' },
      400,
      'CG_ERR_UNKNOWN_TEAM_ROLE',
      'body/role: team role "boss" is not one of the city\'s team roles: grid-head, instructor, full-time, specialist, optional',
    ],
    [
      'an unknown department',
      { role: 'specialist', department: 'nasa' },
      400,
      'CG_ERR_UNKNOWN_DEPARTMENT',
      'department "nasa" is not one of the city\'s departments: cgj, gajj, jtj, scjg, zjj',
    ],
    [
      'a specialist without a department',
      { role: 'specialist' },
      400,
      'CG_ERR_DEPARTMENT_REQUIRED',
      'body/department: team role specialist (专业网格员) needs a department',
    ],
    [
      'grids not in the current version',
      { grids: ['A1', 'Z9', 'Z8'] },
      422,
      'CG_ERR_UNKNOWN_GRID',
      'body/grids: grids "Z8", "Z9" are not in the current grid version',
    ],
    ['no name', { name: '  ' }, 400, 'CG_ERR_VALIDATION', 'body/name'],
    ['a phone that is not a number', { phone: 'call me' }, 400, 'CG_ERR_VALIDATION', 'body/phone'],
    ['a field people do not have', { email: 'a@b.c' }, 400, 'CG_ERR_VALIDATION', 'body/email'],
  ] as const)('refuses %s, naming it and the fix', async ([, change, status, code, message], t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({ method: 'POST', url: '/api/people', payload: { id: 'X', name: '某人', role: 'full-time', ...change } });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error).toBe(code);
    expect(res.json().message).toContain(message);
    expect(res.json().fix).toBeTruthy();
  });

  test('a batch with one bad person stores nobody, and lists every problem with its index and id', async (t) => {
    const app = await buildWithGrids(t);
    const bad = [...TEAM.slice(0, 3), { ...TEAM[3], department: undefined }, { ...TEAM[4], grids: ['Q1'] }, { ...TEAM[5], id: 'P1' }];
    const res = await app.inject({ method: 'POST', url: '/api/people', payload: bad });
    expect(res.statusCode).toBe(400); // a 422 (unknown grid) comes after the 400s
    expect(res.json().problems.map((p: { code: string; index: number; id: string }) => [p.code, p.index, p.id])).toEqual([
      ['CG_ERR_DEPARTMENT_REQUIRED', 3, 'P4'],
      ['CG_ERR_VALIDATION', 5, 'P1'],
      ['CG_ERR_UNKNOWN_GRID', 4, 'P5'],
    ]);
    expect(res.json().problems[1].message).toContain('is also the id of body/0');
    expect((await app.inject('/api/people')).json().people).toEqual([]);
  });

  test('a retried batch changes nothing; a different person under a stored id is refused with 409', async (t) => {
    const app = await withTeam(t);
    const again = await app.inject({ method: 'POST', url: '/api/people', payload: TEAM });
    expect(again.statusCode).toBe(201);
    expect(again.json().created).toBe(0);
    const clash = await app.inject({
      method: 'POST',
      url: '/api/people',
      payload: [
        { id: 'P7', name: '新人', role: 'optional' },
        { ...TEAM[2], name: '王莉' },
      ],
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      error: 'CG_ERR_DUPLICATE_PERSON',
      problems: [{ index: 1, id: 'P3' }],
      fix: expect.stringContaining('PATCH /api/people/{id}'),
    });
    expect((await app.inject('/api/people/P7')).statusCode).toBe(404);
  });

  test('refuses every grid before any grids are loaded', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/people', payload: TEAM[0] });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('"A1", "A2"');
  });
});

describe('PATCH /api/people/{id}', () => {
  test('changes only the fields sent; grids replace the list', async (t) => {
    const app = await withTeam(t);
    const res = await app.inject({ method: 'PATCH', url: '/api/people/P1', payload: { grids: ['B2'], phone: null } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'P1', name: '张伟', role: 'grid-head', grids: ['B2'] });
    expect(ids((await app.inject('/api/people?grid=A2')).json())).toEqual(['P6']);
    expect(ids((await app.inject('/api/people?grid=B2')).json())).toEqual(['P1']);
    const off = await app.inject({ method: 'PATCH', url: '/api/people/P6', payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect(ids((await app.inject('/api/people?active=true&grid=A2')).json())).toEqual([]);
  });

  test.for([
    ['becoming a specialist without a department', 'P3', { role: 'specialist' }, 400, 'CG_ERR_DEPARTMENT_REQUIRED'],
    ['a specialist dropping the department', 'P4', { department: null }, 400, 'CG_ERR_DEPARTMENT_REQUIRED'],
    ['an unknown grid', 'P3', { grids: ['A1', 'nowhere'] }, 422, 'CG_ERR_UNKNOWN_GRID'],
    ['an unknown person', 'P404', { name: '某人' }, 404, 'CG_ERR_NOT_FOUND'],
    ['an empty change', 'P3', {}, 400, 'CG_ERR_VALIDATION'],
  ] as const)('refuses %s and changes nothing', async ([, id, patch, status, code], t) => {
    const app = await withTeam(t);
    const before = (await app.inject('/api/people')).json();
    const res = await app.inject({ method: 'PATCH', url: `/api/people/${id}`, payload: patch });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error).toBe(code);
    expect((await app.inject('/api/people')).json()).toEqual(before);
  });
});

describe('GET /api/people', () => {
  test('filters by team role and department', async (t) => {
    const app = await withTeam(t);
    expect(ids((await app.inject('/api/people?role=specialist')).json())).toEqual(['P4', 'P5']);
    expect(ids((await app.inject('/api/people?role=specialist&department=gajj')).json())).toEqual(['P5']);
  });

  test.for([
    ['role=boss', 400, 'CG_ERR_UNKNOWN_TEAM_ROLE', 'grid-head, instructor'],
    ['department=nasa', 400, 'CG_ERR_UNKNOWN_DEPARTMENT', 'cgj, gajj'],
    ['grid=Z9', 422, 'CG_ERR_UNKNOWN_GRID', '"Z9"'],
  ] as const)('refuses %s, naming what is allowed', async ([query, status, code, named], t) => {
    const app = await withTeam(t);
    const res = await app.inject(`/api/people?${query}`);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: code, message: expect.stringContaining(named) });
  });

  test('GET /api/grids/{id}/team lists the active team, 网格长 first; 404 for an unknown grid', async (t) => {
    const app = await withTeam(t);
    await app.inject({ method: 'PATCH', url: '/api/people/P2', payload: { active: false } });
    await app.inject({ method: 'POST', url: '/api/people', payload: { id: 'P0', name: '周敏', role: 'optional', grids: ['A1'] } });
    const team = (await app.inject('/api/grids/A1/team')).json();
    expect(team.grid).toBe('A1');
    expect(team.people.map((p: { id: string; role: string }) => `${p.role} ${p.id}`)).toEqual([
      'grid-head P1',
      'full-time P3',
      'specialist P4',
      'specialist P5',
      'optional P0',
    ]);
    expect((await app.inject('/api/grids/Z9/team')).statusCode).toBe(404);
  });
});

describe('phone numbers', () => {
  async function secured(t: Parameters<typeof build>[0], publicRead = false) {
    const app = await build(t, { auth: { publicRead } });
    const parsed = parseGrids(fixture('grid-2x2/grids.geojson'));
    if (!parsed.ok) throw new Error('fixture');
    await app.store.replaceGrids(parsed.gridSet);
    await app.store.people.insert(TEAM);
    const key = async (role: 'viewer' | 'planner' | 'admin') => ({
      authorization: `Bearer ${(await app.store.keys.create({ role })).key}`,
    });
    return { app, admin: await key('admin'), planner: await key('planner'), viewer: await key('viewer') };
  }

  test('are shown to admin keys only, in lists, single reads and teams', async (t) => {
    const { app, admin, planner, viewer } = await secured(t);
    for (const url of ['/api/people', '/api/people/P1', '/api/grids/A1/team']) {
      expect((await app.inject({ url, headers: admin })).body, url).toContain('13800000001');
      for (const headers of [planner, viewer]) {
        const res = await app.inject({ url, headers });
        expect(res.statusCode).toBe(200);
        expect(res.body, url).not.toContain('13800000001');
        expect(res.body).not.toContain('"phone"');
      }
    }
  });

  test('are never in public reads, nor on a server with access control off', async (t) => {
    const { app } = await secured(t, true);
    const res = await app.inject('/api/people?grid=A1');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('"phone"');
    const open = await withTeam(t);
    expect((await open.inject('/api/people/P1')).body).not.toContain('"phone"');
  });

  test('only an admin may add or change people', async (t) => {
    const { app, planner } = await secured(t);
    expect(
      (await app.inject({ method: 'POST', url: '/api/people', payload: { id: 'X', name: '某人', role: 'optional' }, headers: planner }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: '/api/people/P1', payload: { name: '某人' }, headers: planner })).statusCode).toBe(
      403,
    );
  });
});

describe('PeopleService', () => {
  test('checks roles and departments against the settings it is given (the city profile)', async (t) => {
    const app = await buildWithGrids(t);
    const service = new PeopleService(app.store.db, app.store.grids, () => ({
      teamRoles: [{ code: 'patrol', name: '巡查员', department: true }],
      departments: [{ code: 'sw', name: '水务局', level: 'district' }],
    }));
    await expect(service.insert([{ id: 'W1', name: '某人', role: 'patrol', department: 'sw' }])).resolves.toMatchObject({ created: 1 });
    await expect(service.insert([{ id: 'W2', name: '某人', role: 'full-time' }])).rejects.toThrow(
      /team role "full-time" is not one of the city's team roles: patrol/,
    );
    await expect(service.insert([{ id: 'W3', name: '某人', role: 'patrol', department: 'cgj' }])).rejects.toThrow(/departments: sw/);
  });
});
