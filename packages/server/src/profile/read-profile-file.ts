import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkProfile, CitygridError, type Problem } from '@citygrid/core';
import { namedFiles } from './city-context.ts';

/**
 * Reads a city profile file and the files it names (relative to the profile's folder), for
 * `citygrid serve --profile` and the other commands that take one. Every problem — the
 * profile's own, a named file that cannot be read or is not JSON — is listed in one
 * CitygridError (CG_ERR_PROFILE, exit 2), so nothing starts on a profile that is not valid.
 *
 * @returns the parsed profile (not yet checked against the files: see cityContext) and the files by name
 * @example const { profile, files } = readProfileFile('data/profiles/hanbin.json');
 */
export function readProfileFile(path: string): { profile: unknown; files: Record<string, unknown> } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CitygridError([fileProblem('', path, e as Error)]);
  }
  const checked = checkProfile(text);
  if (!checked.ok) throw new CitygridError(checked.problems.map((p) => ({ ...p, message: `${path}: ${p.message}` })));
  const files: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [pointer, name] of namedFiles(checked.profile)) {
    if (Object.hasOwn(files, name)) continue;
    const file = resolve(dirname(path), name);
    try {
      files[name] = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(fileProblem(pointer, file, e as Error));
    }
  }
  if (problems.length) throw new CitygridError(problems);
  return { profile: checked.profile, files };
}

function fileProblem(pointer: string, file: string, e: Error): Problem {
  const why =
    (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'does not exist'
      : e instanceof SyntaxError
        ? `is not JSON (${e.message})`
        : `cannot be read (${e.message})`;
  return {
    code: 'CG_ERR_PROFILE',
    message: `${pointer || '/'} ${file} ${why}`,
    fix: "name a GeoJSON file relative to the profile file (or give the profile's own path correctly)",
    path: pointer,
  };
}
