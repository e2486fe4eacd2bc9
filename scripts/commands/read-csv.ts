import { readFileSync } from 'node:fs';
import { CitygridError } from '@citygrid/core';
import { CsvError, parse } from 'csv-parse/sync';
import { cliError } from '../errors.ts';
import { userPath } from './command.ts';

/** One data row of a CSV file and the line it ends on (what a user finds in an editor). */
export interface CsvRow {
  record: Record<string, string>;
  line: number;
}

/**
 * Every row of a UTF-8 CSV file with a header line (a BOM is dropped), or a CLI error naming
 * the file (exit 2) or the line that does not parse. `columns` may check and rename the header.
 * @example readCsvRows('team.csv').map((r) => r.record.id)
 */
export function readCsvRows(file: string, options: { columns?: (names: string[]) => string[]; trim?: boolean } = {}): CsvRow[] {
  let text: string;
  try {
    text = readFileSync(userPath(file), 'utf8');
  } catch (e) {
    throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
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
