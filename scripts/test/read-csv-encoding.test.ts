import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readCsvRows } from '../commands/read-csv.ts';
import { detectEncoding, readEncoding } from '../commands/text-encoding.ts';

const dir = mkdtempSync(join(tmpdir(), 'citygrid-csv-encoding-'));
// 姓名 and 张伟 in GBK (Excel's CSV on Chinese Windows); GB18030 reads them the same.
const GBK = Buffer.concat([
  Buffer.from('id,'),
  Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]),
  Buffer.from('\nP1,'),
  Buffer.from([0xd5, 0xc5, 0xce, 0xb0]),
  Buffer.from('\n'),
]);

describe('CSV files as Excel writes them', () => {
  it('reads a GBK file as GB18030, keeps the Chinese and says which encoding it used', () => {
    const file = join(dir, 'team.csv');
    writeFileSync(file, GBK);
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // Before: every Chinese cell came back as U+FFFD and nothing was said.
      expect(readCsvRows(file, { command: 'people import' }).map((r) => r.record)).toEqual([{ id: 'P1', 姓名: '张伟' }]);
      expect(String(said.mock.calls[0]?.[0])).toMatch(/citygrid people import: .*team\.csv: read as GB18030/);
    } finally {
      said.mockRestore();
    }
  });

  it('refuses a GBK file said to be UTF-8, and an unknown --encoding', () => {
    const file = join(dir, 'team2.csv');
    writeFileSync(file, GBK);
    expect(() => readCsvRows(file, { encoding: 'utf-8' })).toThrow(/is not UTF-8: invalid byte at offset 3/);
    expect(() => readEncoding('latin1')).toThrow(/use utf-8 or gb18030/);
    expect(readEncoding('GBK')).toBe('gb18030');
  });

  it('keeps UTF-8 as UTF-8, a BOM too', () => {
    expect(detectEncoding(Buffer.from('id,姓名\nP1,张伟\n'))).toBe('utf-8');
    const file = join(dir, 'bom.csv');
    writeFileSync(file, `\ufeffid,姓名\nP1,张伟\n`);
    expect(readCsvRows(file).map((r) => r.record)).toEqual([{ id: 'P1', 姓名: '张伟' }]);
  });
});
