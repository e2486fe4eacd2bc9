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

/**
 * Reads a UTF-8 file the user named, or throws CG_ERR_FILE_NOT_FOUND naming it, or
 * CG_ERR_NOT_UTF8 for bytes that are not UTF-8 (GeoJSON is UTF-8 by RFC 7946; a lenient read
 * would turn a GBK file's names into U+FFFD without a word).
 */
export async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(userPath(file));
  } catch (e) {
    throw cliError('CG_ERR_FILE_NOT_FOUND', {}, `${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder().decode(bytes);
    throw CitygridError.of('CG_ERR_NOT_UTF8', {}, file, Buffer.byteLength(lenient.slice(0, lenient.indexOf('\uFFFD'))));
  }
}
