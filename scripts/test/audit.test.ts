import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@citygrid/server';
import { citygrid } from './cli.ts';

const ADMIN = { actor: { role: 'admin' as const }, logged: { key_id: null, role: 'admin' as const, department: null }, scope: undefined };
const HISTORY = [
  {
    opening: { id: 'c1', at: '2026-03-02T01:00:00Z', category: '06010' },
    events: [{ action: 'accept', at: '2026-03-02T01:10:00Z', actor: { role: 'operator' }, note: '受理' }],
  },
  { opening: { id: 'c2', at: '2026-03-02T02:00:00Z', category: '06010' }, events: [] },
];

describe('citygrid audit verify', () => {
  it('exits 0 on an untouched log, 1 naming the first broken event once a payload is changed in the file', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-audit-')), 'city.duckdb');
    const store = await openStore(db);
    await store.cases.importCases(HISTORY.map((h) => JSON.stringify(h)).join('\n'), ADMIN);
    await store.close();

    const ok = citygrid(['audit', 'verify', '--db', db]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('the case log holds: 3 events');

    const tamper = await openStore(db);
    await tamper.db.write((conn) => conn.run(`UPDATE case_events SET payload = '{"note":"没有受理"}' WHERE seq = 2`));
    await tamper.close();

    const broken = citygrid(['audit', 'verify', '--db', db]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('broken at event seq 2 (case c1)');
    expect(JSON.parse(citygrid(['audit', 'verify', '--json', '--db', db]).stdout)).toMatchObject({
      ok: false,
      first_broken: { seq: 2, case_id: 'c1' },
    });
    expect(citygrid(['audit', 'check', '--db', db]).status).toBe(2);
  }, 120_000);
});
