import { createReadStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { CitygridError } from '@citygrid/core';
import { cliError } from '../errors.ts';
import { userPath } from '../commands/command.ts';
import type { Progress } from './progress.ts';
import type { RowRouter } from './row-router.ts';

/**
 * Streams a CSV through the router: rows are read, routed and written one by one. The header
 * is checked and written as soon as it is read, so a header-only file still gets one.
 */
export async function routeCsv(
  file: string,
  fields: { lon: string; lat: string; category: string },
  rows: RowRouter,
  progress: Progress,
  sink: Writable,
): Promise<void> {
  const addedColumns = rows.columns;
  let header: string[] | null = null;
  let count = 0;
  const router = new Transform({
    objectMode: true,
    transform({ record, info }: { record: Record<string, string>; info: { lines: number } }, _enc, done) {
      if (count++ === 0) this.push([...header!, ...addedColumns]);
      // info.lines is the line the record ends on: the line a user finds in an editor.
      const added = rows.route(record[fields.lon], record[fields.lat], `line ${info.lines}`, record[fields.category]);
      if ((count & 0xffff) === 0) progress.tick(count);
      done(null, [...header!.map((h) => record[h]), ...addedColumns.map((c) => added[c])]);
    },
    flush(done) {
      if (header === null)
        return done(cliError('CG_ERR_UNREADABLE_INPUT', {}, `${file}: empty file; expected a header line naming the columns`));
      if (count === 0) this.push([...header, ...addedColumns]);
      done();
    },
  });
  const columns = (names: string[]) => {
    const missing = [fields.lon, fields.lat].filter((f) => !names.includes(f));
    if (missing.length) {
      throw CitygridError.of(
        'CG_ERR_USAGE',
        {},
        `${file}: no column ${missing.map((m) => JSON.stringify(m)).join(' or ')} (columns: ${names.join(', ')}); name them with --lon-field/--lat-field`,
      );
    }
    header = names;
    return names;
  };
  const input = createReadStream(userPath(file));
  await new Promise<void>((ok, ko) => {
    input.once('open', () => ok());
    input.once('error', (e) => ko(cliError('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code})`)));
  });
  try {
    await pipeline(input, parse({ columns, bom: true, skip_empty_lines: true, info: true }), router, stringify(), sink);
  } catch (e) {
    if (e instanceof CsvError)
      throw cliError('CG_ERR_UNREADABLE_INPUT', {}, `${file}: line ${(e as CsvError & { lines?: number }).lines ?? '?'}: ${e.message}`);
    throw e;
  }
}
