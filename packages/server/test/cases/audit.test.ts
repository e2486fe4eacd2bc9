import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/index.ts';
import { build, tempDir } from '../helper.ts';
import { act, as, caseApp, openOne, walk, REPORT } from './helpers.ts';

describe('GET /api/audit/verify', () => {
  test('an untouched log verifies: every event counted', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    await walk(app, id, [
      [keys.operator, { action: 'accept' }],
      [keys.supervisor, { action: 'register' }],
    ]);
    await openOne(app, keys.operator, { ...REPORT, lon: 109.015 });
    const res = await app.inject({ url: '/api/audit/verify', headers: as(keys.admin) });
    expect(res.json()).toEqual({ ok: true, events: 4, first_broken: null });
    expect((await app.inject({ url: '/api/audit/verify', headers: as(keys.supervisor) })).statusCode).toBe(403);
  });

  test('an empty log verifies', async (t) => {
    const app = await build(t);
    expect((await app.inject('/api/audit/verify')).json()).toEqual({ ok: true, events: 0, first_broken: null });
  });

  test.for([
    [
      "an event's payload changed",
      `UPDATE case_events SET payload = '{"note":"nothing happened"}' WHERE seq = 3`,
      3,
      'its content does not hash to its stored hash',
    ],
    ["an event's time changed", `UPDATE case_events SET acted_at = acted_at - INTERVAL 1 DAY WHERE seq = 2`, 2, 'does not hash'],
    ['an event removed', 'DELETE FROM case_events WHERE seq = 2', 3, 'seq 3 follows seq 1'],
    ["an event's hash overwritten", `UPDATE case_events SET hash = '${'f'.repeat(64)}' WHERE seq = 2`, 2, 'does not hash'],
  ] as const)('%s in the DuckDB file is found, and named', async ([, sql, seq, reason], t) => {
    const path = join(tempDir(t), 'city.duckdb');
    const { app, keys } = await caseApp(t, { dbPath: path });
    const { id } = await openOne(app, keys.operator);
    await walk(app, id, [
      [keys.operator, { action: 'accept', note: '受理' }],
      [keys.supervisor, { action: 'register' }],
    ]);
    await app.close();
    const store = await openStore(path);
    await store.db.write((conn) => conn.run(sql));
    const answer = await store.cases.verify();
    await store.close();
    expect(answer).toMatchObject({ ok: false, first_broken: { seq, case_id: id, reason: expect.stringContaining(reason) } });
  });
});

describe('durability', () => {
  test('an acknowledged transition is in the file after closing and reopening it, and the chain still verifies', async (t) => {
    const path = join(tempDir(t), 'city.duckdb');
    const { app, keys } = await caseApp(t, { dbPath: path });
    const { id } = await openOne(app, keys.operator);
    const res = await act(app, keys.operator, id, { action: 'accept', expected_version: 1 });
    expect(res.statusCode).toBe(201);
    await app.close();
    const store = await openStore(path);
    t.onTestFinished(() => store.close());
    expect(await store.cases.state(id)).toMatchObject({ stage: 'accepted', version: 2 });
    expect(await store.cases.verify()).toEqual({ ok: true, events: 2, first_broken: null });
    // The chain goes on from the stored head after reopening.
    const next = await store.cases.act(
      id,
      { action: 'register', expected_version: 2 },
      { actor: { role: 'supervisor' }, logged: { key_id: null, role: 'supervisor', department: null }, scope: undefined },
    );
    expect(next.event).toMatchObject({ seq: 3, prev_hash: res.json().event.hash });
    expect(await store.cases.verify()).toMatchObject({ ok: true, events: 3 });
  });
});

describe('the event log is append-only', () => {
  test('no source file updates or deletes case events', () => {
    const src = join(import.meta.dirname, '../../src');
    const files = readdirSync(src, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.ts'));
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8');
      expect(text, f.name).not.toMatch(/(UPDATE|DELETE\s+FROM)\s+case_events/i);
    }
  });
});
