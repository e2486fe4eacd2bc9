import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '@citygrid/server';
import { describe, expect, it } from 'vitest';
import { cityFile } from './city-file.ts';
import { citygrid } from './cli.ts';

async function people(db: string) {
  const store = await openStore(db);
  try {
    return await store.people.list({}, { phone: true });
  } finally {
    await store.close();
  }
}

const GOOD = `\uFEFFid,name,phone,role,department,grids
P1,张伟,13800000001,grid-head,,A1;A2
P2,李娜,,instructor,,A1
P3,"王丽",0915-3212345,full-time,,A1|B1
P4,赵军,,specialist,cgj,A1
P5,刘洋,,optional,,
`;

describe('citygrid people import', () => {
  it('imports every row (UTF-8 with a BOM, grids split on ; or |) and says how many; a second run changes nothing', async () => {
    const { dir, db } = await cityFile('people');
    writeFileSync(join(dir, 'team.csv'), GOOD);
    const r = citygrid(['people', 'import', join(dir, 'team.csv'), '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`imported 5 people into ${db} (5 new, 0 already there)`);
    const stored = await people(db);
    expect(stored.map((p) => [p.id, p.name, p.phone, p.role, p.department, p.grids.join(' ')])).toEqual([
      ['P1', '张伟', '13800000001', 'grid-head', null, 'A1 A2'],
      ['P2', '李娜', null, 'instructor', null, 'A1'],
      ['P3', '王丽', '0915-3212345', 'full-time', null, 'A1 B1'],
      ['P4', '赵军', null, 'specialist', 'cgj', 'A1'],
      ['P5', '刘洋', null, 'optional', null, ''],
    ]);
    const again = citygrid(['people', 'import', join(dir, 'team.csv'), '--db', db]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('(0 new, 5 already there)');
  });

  it('refuses the whole file with exit 2, listing each bad row by line number with its fix', async () => {
    const { dir, db } = await cityFile('people');
    const bad = `id,name,phone,role,department,grids
P1,张伟,13800000001,grid-head,,A1
P2,李娜,,boss,,A1
P3,王丽,,specialist,,A1
P4,赵军,,full-time,,A1;Z9
P1,刘洋,,optional,,A2
`;
    writeFileSync(join(dir, 'bad.csv'), bad);
    const r = citygrid(['people', 'import', join(dir, 'bad.csv'), '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const err = r.stderr;
    expect(err).toContain(
      'line 3, role: team role "boss" is not one of the city\'s team roles: grid-head, instructor, full-time, specialist, optional',
    );
    expect(err).toContain('line 4, department: team role specialist (专业网格员) needs a department');
    expect(err).toContain('line 5, grids: grids "Z9" are not in the current grid version');
    expect(err).toContain('line 6, id "P1" is also the id of line 2');
    expect(err.match(/\n {2}fix: /g)?.length).toBe(4);
    expect(await people(db)).toEqual([]);
  });

  it.for([
    ['a header without role', 'id,name,grids\nP1,张伟,A1\n', 'line 1: the header has columns missing role'],
    ['an unknown column', 'id,name,role,email\nP1,张伟,optional,a@b.c\n', 'unknown "email"'],
    ['a row with too many cells', 'id,name,role\nP1,张伟,optional,extra\n', 'line 2'],
    ['a header only', 'id,name,role\n', 'no rows under the header line'],
  ] as const)('refuses %s with exit 2 and stores nothing', async ([, csv, message]) => {
    const { dir, db } = await cityFile('people');
    writeFileSync(join(dir, 'x.csv'), csv);
    const r = citygrid(['people', 'import', join(dir, 'x.csv'), '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(await people(db)).toEqual([]);
  });

  it('says when the DuckDB file or the CSV does not exist', async () => {
    const { dir, db } = await cityFile('people');
    expect(citygrid(['people', 'import', join(dir, 'nope.csv'), '--db', db]).stderr).toContain('cannot read');
    const r = citygrid(['people', 'import', join(dir, 'nope.csv'), '--db', join(dir, 'none.duckdb')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('import the grids first');
  });
});
