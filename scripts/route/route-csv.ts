import { createReadStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { CitygridError, csvSafeCell } from '@citygrid/core';
import { cliError } from '../errors.ts';
import { userPath } from '../commands/command.ts';
import type { Progress } from './progress.ts';
import type { RowRouter } from './row-router.ts';
import { decodingStream, encodingNote, type Encoding } from '../commands/text-encoding.ts';

/**
 * Streams a CSV through the router: rows are read, routed and written one by one. The header
 * is checked and written as soon as it is read, so a header-only file still gets one. The
 * file is UTF-8 or GB18030, given or detected (said on stderr when not UTF-8). A row that does
 * not parse stops the run naming its line, or with `skipBad` is listed on stderr and left out.
 * @returns the number of rows skipped
 */
export async function routeCsv(
  file: string,
  fields: { lon: string; lat: string; category: string },
  rows: RowRouter,
  progress: Progress,
  sink: Writable,
  options: { encoding?: Encoding; skipBad?: boolean } = {},
): Promise<number> {
  let skipped = 0;
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
    const parser = parse({ columns, bom: true, skip_empty_lines: true, info: true, skip_records_with_error: options.skipBad === true });
    parser.on('skip', (e: CsvError & { lines?: number }) => {
      skipped++;
      process.stderr.write(`citygrid route: ${file}: line ${e.lines ?? '?'}: skipped (--skip-bad): ${e.message}\n`);
    });
    const decode = decodingStream(options.encoding, (used) => {
      const note = encodingNote('route', file, used, options.encoding !== undefined);
      if (note) process.stderr.write(note);
    });
    await pipeline(input, decode, parser, router, stringify({ cast: { string: csvSafeCell } }), sink);
  } catch (e) {
    if (e instanceof CsvError)
      throw cliError(
        'CG_ERR_UNREADABLE_INPUT',
        {},
        `${file}: line ${(e as CsvError & { lines?: number }).lines ?? '?'}: ${e.message} (--skip-bad leaves such rows out and lists them)`,
      );
    throw e;
  }
  return skipped;
}
