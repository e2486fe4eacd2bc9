import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the real public data that lives beside the project (../shared/data-external) or at
 * $CITYGRID_EXTERNAL_DATA. It is read in place, never copied into the repository: it is not
 * ours to redistribute. Returns the folder, or null when absent (a user's fresh clone).
 */
export function externalDataDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [process.env.CITYGRID_EXTERNAL_DATA, resolve(here, '../../shared/data-external')];
  for (const dir of candidates) if (dir && existsSync(dir)) return dir;
  return null;
}

/** Path of one external file (e.g. `la-311/reports.csv`), or null when the folder is absent. */
export function externalFile(relative: string): string | null {
  const dir = externalDataDir();
  const path = dir && resolve(dir, relative);
  return path && existsSync(path) ? path : null;
}

/** The one line a skipped test prints when the external data is missing. */
export function missingExternalReason(relative: string): string {
  return `external data ${relative} not found (looked in ../shared/data-external and $CITYGRID_EXTERNAL_DATA): test skipped`;
}
