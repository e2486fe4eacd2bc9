import { readFile } from 'node:fs/promises';
import { CitygridError, parseGrids, type GridSet } from '@citygrid/core';
import { cliError } from '../errors.ts';
import { userPath } from './command.ts';

/**
 * Reads and validates a grid GeoJSON file. Throws a CitygridError naming the file and every
 * bad feature, so the CLI prints them all and exits 2 before anything is stored.
 */
export async function readGrids(file: string, idField = 'id'): Promise<GridSet> {
  const text = await readText(file);
  const result = parseGrids(text, { idField });
  if (!result.ok) {
    throw new CitygridError(result.problems.map((p) => ({ ...p, message: `${file}: ${p.message}` })));
  }
  return result.gridSet;
}

/** Reads a UTF-8 file the user named, or throws CG_ERR_FILE_NOT_FOUND naming it. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(userPath(file), 'utf8');
  } catch (e) {
    throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
