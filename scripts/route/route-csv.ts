import { createReadStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { CitygridError } from '@citygrid/core';
import { userPath } from '../commands/command.ts';
import type { Progress } from './progress.ts';
import type { RowRouter } from './row-router.ts';

/** Streams a CSV through the router: rows are read, routed and written one by one. */
export async function routeCsv(file: string, fields: { lon: string; lat: string }, rows: RowRouter, progress: Progress, sink: Writable): Promise<void> {
  let row = 0;
  const router = new Transform({
    objectMode: true,
    transform(record: Record<string, string>, _enc, done) {
      row++;
      if (row === 1) {
        const missing = [fields.lon, fields.lat].filter((f) => !(f in record));
        if (missing.length) {
          return done(CitygridError.of('CG_ERR_USAGE', {}, `${file}: no column ${missing.map((m) => JSON.stringify(m)).join(' or ')} (columns: ${Object.keys(record).join(', ')}); name them with --lon-field/--lat-field`));
        }
      }
      const added = rows.route(record[fields.lon], record[fields.lat], row + 1);
      if ((row & 0xffff) === 0) progress.tick(row);
      done(null, { ...record, ...added });
    },
  });
  const input = createReadStream(userPath(file));
  await new Promise<void>((ok, ko) => {
    input.once('open', () => ok());
    input.once('error', (e) => ko(CitygridError.of('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code})`)));
  });
  try {
    await pipeline(input, parse({ columns: true, bom: true, skip_empty_lines: true }), router, stringify({ header: true }), sink);
  } catch (e) {
    // csv-parse counts lines from 1 with the header: that is the row number a user sees.
    if (e instanceof CsvError) throw CitygridError.of('CG_ERR_UNREADABLE_INPUT', {}, `${file}: line ${(e as CsvError & { lines?: number }).lines ?? '?'}: ${e.message}`);
    throw e;
  }
}
