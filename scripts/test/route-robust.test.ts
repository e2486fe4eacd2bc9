import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

const GRIDS = resolve(ROOT, 'packages/core/test/fixtures/tiling-2x2.geojson');
const dir = mkdtempSync(join(tmpdir(), 'citygrid-route-robust-'));
const HEAD = 'id,lon,lat,category,source,description\n';

/** A CSV written in GB18030, as Excel saves it on Chinese Windows. */
function gbkFile(name: string, text: string): string {
  // TextEncoder has no GB18030; these bytes are 你好 and 井盖 in GBK (GB18030 agrees on them).
  const bytes = Buffer.from(text.replace('你好', '\u0000').replace('井盖', '\u0001'), 'utf8');
  const out: number[] = [];
  for (const b of bytes) out.push(...(b === 0 ? [0xc4, 0xe3, 0xba, 0xc3] : b === 1 ? [0xbe, 0xae, 0xb8, 0xc7] : [b]));
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(out));
  return path;
}

describe('citygrid route on files as they come', () => {
  it('reads a GBK (GB18030) CSV as such, says so, and keeps the Chinese text', () => {
    const file = gbkFile('gbk.csv', `${HEAD}r1,109.005,32.705,06010,12345,你好 井盖\n`);
    const r = citygrid(['route', GRIDS, file]);
    expect(r.stderr).toMatch(/gbk\.csv: read as GB18030 \(it is not valid UTF-8/);
    expect(r.stdout).toContain('你好 井盖');
    expect(r.stdout).not.toContain('\uFFFD');
    expect(r.status).toBe(0);
    const forced = citygrid(['route', GRIDS, file, '--encoding', 'utf-8']);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/is not UTF-8/);
  });

  it('a malformed last line stops the run naming the line; --skip-bad routes the rest and lists it', () => {
    const file = join(dir, 'bad-last.csv');
    writeFileSync(file, `${HEAD}r1,109.005,32.705,06010,12345,ok\nr2,109.015,32.715,06010,12345,"unclosed\n`);
    const stopped = citygrid(['route', GRIDS, file]);
    expect(stopped.status).toBe(2);
    expect(stopped.stderr).toMatch(/line 3: .*--skip-bad/);
    const out = join(dir, 'skipped.csv');
    const skipped = citygrid(['route', GRIDS, file, '--skip-bad', '--out', out]);
    expect(skipped.stderr).toMatch(/line 3: skipped \(--skip-bad\)/);
    expect(skipped.stderr).toMatch(/1 rows skipped/);
    expect(skipped.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^id,.*\nr1,109\.005,32\.705,.*\n$/);
  });

  it('reads 0x6d as no number, as the server does', () => {
    const file = join(dir, 'hex.csv');
    writeFileSync(file, `${HEAD}r1,0x6d,32.705,06010,12345,hex\n`);
    const r = citygrid(['route', GRIDS, file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 2: lon\/lat \["0x6d","32\.705"\] are not numbers/);
    expect(citygrid(['route', '--explain', '0x6d,32.7', GRIDS]).stderr).toMatch(/expected <lon>,<lat> in decimal degrees/);
  });

  it('--explain with latitude past 90 warns of a swap and names the likely point', () => {
    const r = citygrid(['route', '--explain', '32.705,109.005', GRIDS]);
    expect(r.stderr).toMatch(/\[32\.705, 109\.005\] looks swapped .*did you mean --explain 109\.005,32\.705\?/);
    expect(r.status).toBe(1);
  });

  it('writes text cells that would run as formulas with a quote, and numbers as they are', () => {
    const file = join(dir, 'formula.csv');
    writeFileSync(file, `${HEAD}=1+1,-118.25,32.705,06010,12345,@SUM(A1)\n`);
    const r = citygrid(['route', GRIDS, file]);
    expect(r.stdout).toContain("'=1+1,-118.25,32.705,06010,12345,'@SUM(A1)");
  });
});
