import { readFileSync } from 'node:fs';
import { CitygridError } from '@citygrid/core';
import { CsvError, parse } from 'csv-parse/sync';
import { cliError } from '../errors.ts';
import { userPath } from './command.ts';
import { decodeFile, encodingNote, type Encoding } from './text-encoding.ts';

/** One data row of a CSV file and the line it ends on (what a user finds in an editor). */
export interface CsvRow {
  record: Record<string, string>;
  line: number;
}

/**
 * Every row of a CSV file with a header line (a BOM is dropped), or a CLI error naming the
 * file (exit 2) or the line that does not parse. `columns` may check and rename the header.
 * The file is UTF-8 or GB18030 (GBK: Excel on Chinese Windows), as `encoding` says or as
 * detected; a file not read as UTF-8 is said so on stderr, naming `command`.
 * @example readCsvRows('team.csv').map((r) => r.record.id)
 */
export function readCsvRows(
  file: string,
  options: { columns?: (names: string[]) => string[]; trim?: boolean; encoding?: Encoding; command?: string } = {},
): CsvRow[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(userPath(file));
  } catch (e) {
    throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let text: string;
  try {
    const decoded = decodeFile(bytes, options.encoding);
    text = decoded.text;
    const note = encodingNote(options.command ?? 'import', file, decoded.encoding, options.encoding !== undefined);
    if (note) process.stderr.write(note);
  } catch {
    // Only an explicit --encoding utf-8 gets here: name the first byte that is not.
    const lenient = new TextDecoder().decode(bytes);
    throw CitygridError.of('CG_ERR_NOT_UTF8', {}, file, Buffer.byteLength(lenient.slice(0, lenient.indexOf('\uFFFD'))));
  }
  try {
    const rows: { record: Record<string, string>; info: { lines: number } }[] = parse(text, {
      columns: options.columns ?? true,
      bom: true,
      skip_empty_lines: true,
      trim: options.trim ?? false,
      info: true,
    });
    return rows.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (e) {
    if (e instanceof CitygridError) throw e;
    if (e instanceof CsvError)
      throw cliError('CG_ERR_UNREADABLE_INPUT', {}, `${file}: line ${(e as CsvError & { lines?: number }).lines ?? '?'}: ${e.message}`);
    throw e;
  }
}
