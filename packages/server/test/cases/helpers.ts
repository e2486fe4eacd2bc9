import type { FastifyInstance } from 'fastify';
import type { TestContext } from 'vitest';
import { parseGrids } from '@citygrid/core';
import type { Role } from '../../src/auth/roles.ts';
import { build, fixture } from '../helper.ts';

/** A report inside grid A1 of the 2×2 fixture (dispatched to cgj: 06 is 城管's). */
export const REPORT = { lon: 109.005, lat: 32.685, category: '06010', source: '12345' };

/** An app on the 2×2 grids, access control on, with one key per case role (department cgj, inspector of A1) and admin. */
export async function caseApp(t: TestContext, options: { dbPath?: string } = {}) {
  const app = await build(t, { auth: {}, ...options });
  const parsed = parseGrids(fixture<object>('grid-2x2/grids.geojson'));
  if (!parsed.ok) throw new Error('fixture');
  await app.store.replaceGrids(parsed.gridSet);
  const make = async (role: Role, scope: { department?: string; grids?: string[] } = {}) =>
    (await app.store.keys.create({ role, ...scope })).key;
  const keys = {
    admin: await make('admin'),
    viewer: await make('viewer'),
    operator: await make('operator'),
    supervisor: await make('supervisor'),
    dispatcher: await make('dispatcher'),
    cgj: await make('department', { department: 'cgj' }),
    gajj: await make('department', { department: 'gajj' }),
    inspectorA1: await make('inspector', { grids: ['A1'] }),
    inspectorB2: await make('inspector', { grids: ['B2'] }),
  };
  return { app, keys };
}

export const as = (key: string) => ({ authorization: `Bearer ${key}` });

/** Opens a case on a new report as the operator; returns the served case. */
export async function openOne(app: FastifyInstance, key: string, report: object = REPORT) {
  const res = await app.inject({ method: 'POST', url: '/api/cases', headers: as(key), payload: { report } });
  if (res.statusCode !== 201) throw new Error(`open refused: ${res.body}`);
  return res.json().case as {
    id: string;
    version: number;
    stage: string;
    allowed_actions: string[];
    department: string | null;
    reports: string[];
  };
}

/** Takes an action; returns the response. */
export function act(app: FastifyInstance, key: string, id: string, body: object) {
  return app.inject({ method: 'POST', url: `/api/cases/${encodeURIComponent(id)}/events`, headers: as(key), payload: body });
}

/** Walks a case through actions (each with the version it saw); throws on any refusal. */
export async function walk(app: FastifyInstance, id: string, steps: Array<[key: string, body: object]>) {
  let version = (await app.store.cases.state(id))!.version;
  for (const [key, body] of steps) {
    const res = await act(app, key, id, { expected_version: version, ...body });
    if (res.statusCode !== 201) throw new Error(`${JSON.stringify(body)} refused: ${res.body}`);
    version = res.json().case.version;
  }
  return version;
}
