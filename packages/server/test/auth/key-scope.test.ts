import { describe, expect, test } from 'vitest';
import { build } from '../helper.ts';

// POST /api/keys with access control off (the route's own checks are what is tested here).
describe('POST /api/keys: scoped case roles', () => {
  test.for([
    [
      { role: 'department', department: 'cgj' },
      { department: 'cgj', grids: null },
    ],
    [
      { role: 'inspector', grids: ['A1', ' A2', 'A1'] },
      { department: null, grids: ['A1', 'A2'] },
    ],
    [{ role: 'operator' }, { department: null, grids: null }],
  ] as const)('%j makes a key scoped to %j', async ([body, scope], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/keys', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ role: body.role, ...scope });
    expect(app.store.keys.verify(res.json().key)).toMatchObject({ ok: true, key: { role: body.role, ...scope } });
  });

  test.for([
    [{ role: 'department' }, 'a key of role department needs the code of its department'],
    [{ role: 'department', department: 'nowhere' }, 'not a department of the profile in use; use one of cgj, gajj'],
    [{ role: 'inspector' }, 'a key of role inspector needs the ids of its grids'],
    [{ role: 'operator', department: 'cgj' }, 'a key of role operator takes no department'],
    [{ role: 'dispatcher', grids: ['A1'] }, 'a key of role dispatcher takes no grids'],
  ] as const)('%j is refused with 400 CG_ERR_KEY_SCOPE: %s', async ([body, message], t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/keys', payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_KEY_SCOPE',
      message: expect.stringContaining(message),
      fix: expect.stringContaining('--department'),
    });
  });

  test('the scope survives reopening the file', async (t) => {
    const { tempDir } = await import('../helper.ts');
    const { openStore } = await import('../../src/index.ts');
    const path = `${tempDir(t)}/keys.duckdb`;
    const first = await openStore(path);
    const { id } = await first.keys.create({ role: 'inspector', grids: ['A1', 'B2'] });
    await first.close();
    const again = await openStore(path);
    t.onTestFinished(() => again.close());
    expect(again.keys.list().find((k) => k.id === id)).toMatchObject({ role: 'inspector', department: null, grids: ['A1', 'B2'] });
  });
});
