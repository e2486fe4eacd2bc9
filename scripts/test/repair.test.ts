import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

const FIXTURES = resolve(ROOT, 'packages/core/test/fixtures/coverage');
const tmp = () => mkdtempSync(join(tmpdir(), 'citygrid-repair-'));

describe('citygrid repair', () => {
  it('removes an overlap, writes grids that validate clean with their properties, and exits 0', () => {
    const out = join(tmp(), 'fixed.geojson');
    const r = citygrid(['repair', join(FIXTURES, 'overlap/in.geojson'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ {2}overlap +1 fixed, 2,0\d\d m²\n/);
    expect(r.stdout).toMatch(/网格B \(B\): lost 2,0\d\d m², net −2,0\d\d m²/);
    expect(r.stdout).toMatch(/the repaired grids validate clean\n$/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.features.map((f: { properties: { id: string; name: string } }) => f.properties)).toEqual([
      { id: 'A', name: '网格A' },
      { id: 'B', name: '网格B' },
    ]);
    expect(citygrid(['validate', out]).status).toBe(0);
  });

  it('leaves a gap wider than --gap-width (exit 1, reported), and fills it when allowed', () => {
    const dir = tmp();
    const left = citygrid(['repair', join(FIXTURES, 'gap-enclosed/in.geojson'), '--out', join(dir, 'a.geojson')]);
    expect(left.status).toBe(1);
    expect(left.stdout).toMatch(/1 problem left[^\n]*\n {2}gap +网格G00 \/ [^\n]* 10,399 m² \(width 93\.\d+ m\)/);
    const filled = citygrid([
      'repair',
      join(FIXTURES, 'gap-enclosed/in.geojson'),
      '--out',
      join(dir, 'b.geojson'),
      '--gap-width',
      '100',
      '--json',
    ]);
    expect(filled.status).toBe(0);
    const log = JSON.parse(filled.stdout);
    expect(Object.keys(log)).toEqual(['valid', 'actions', 'changes', 'problems', 'stats']);
    expect(log.actions).toEqual([expect.objectContaining({ kind: 'gap', to: 'G01', from: [] })]);
    expect(log.changes[0]).toMatchObject({ id: 'G01' });
    expect(log.changes[0].gained_m2).toBeCloseTo(log.actions[0].area_m2, 3);
  });

  it('clips grids to --parent', () => {
    const out = join(tmp(), 'fixed.geojson');
    const r = citygrid([
      'repair',
      join(FIXTURES, 'outside-parent/in.geojson'),
      '--parent',
      join(FIXTURES, 'outside-parent/parent.geojson'),
      '--out',
      out,
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).actions[0]).toMatchObject({ kind: 'outside-parent' });
    expect(citygrid(['validate', out, '--parent', join(FIXTURES, 'outside-parent/parent.geojson')]).status).toBe(0);
  });

  it("keeps ids that were the features' own ids, not properties", () => {
    const dir = tmp();
    const fc = JSON.parse(readFileSync(join(FIXTURES, 'overlap/in.geojson'), 'utf8'));
    for (const f of fc.features) {
      f.id = f.properties.id;
      delete f.properties.id;
    }
    writeFileSync(join(dir, 'in.geojson'), JSON.stringify(fc));
    expect(citygrid(['repair', join(dir, 'in.geojson'), '--out', join(dir, 'out.geojson')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.geojson'), 'utf8')).features.map((f: { id: string }) => f.id)).toEqual(['A', 'B']);
  });

  it('refuses usage errors with exit 2 and writes nothing', () => {
    const dir = tmp();
    const input = join(FIXTURES, 'overlap/in.geojson');
    for (const args of [
      [input],
      [input, '--out', input],
      [input, '--out', join(dir, 'x.geojson'), '--strategy', 'biggest'],
      [input, '--out', join(dir, 'x.geojson'), '--gap-width=-1'],
      [join(dir, 'missing.geojson'), '--out', join(dir, 'x.geojson')],
    ]) {
      const r = citygrid(['repair', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^citygrid repair: .+\n {2}fix: /);
    }
    expect(() => readFileSync(join(dir, 'x.geojson'))).toThrow();
  });
});
