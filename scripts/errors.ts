import { CitygridError, defineCatalogue, ERRORS, problemFrom } from '@citygrid/core';

/**
 * The codes only the CLI raises (files it reads and writes), declared like core's catalogue
 * and listed with it in docs/errors.md. Errors of core and the server reach the runner with
 * their own status and exit code.
 */
export const CLI_ERRORS = defineCatalogue({
  CG_ERR_FILE_NOT_FOUND: { http: 404, exit: 2, message: 'cannot read %s', fix: 'check the path' },
  CG_ERR_CANNOT_WRITE: {
    http: 500,
    exit: 2,
    message: 'cannot write %s',
    fix: 'check that the folder exists and is writable, and that the path is not a folder',
  },
  CG_ERR_PORT_IN_USE: {
    http: 500,
    exit: 2,
    message: '%s on %s already in use',
    fix: 'stop the other server, choose a port with --port n (0: any free one), or add --port-auto to take the next free port',
  },
  CG_ERR_UNREADABLE_INPUT: {
    http: 400,
    exit: 2,
    message: '%s',
    fix: 'check the file is UTF-8 CSV (one header line, the same number of columns on every row), GeoJSON or Parquet',
  },
} as const);

/** Every code the CLI's own errors can carry: core's and its own. */
const CATALOGUE = { ...ERRORS, ...CLI_ERRORS };

/** A code of the CLI's errors. */
export type CliErrorCode = keyof typeof CATALOGUE;

/**
 * A single-problem CitygridError of the CLI's catalogue (core's codes included), `%s` filled in order.
 * @example throw cliError('CG_ERR_FILE_NOT_FOUND', {}, 'grids.geojson (ENOENT)');
 */
export function cliError(code: CliErrorCode, where: { index?: number; id?: string }, ...args: unknown[]): CitygridError<CliErrorCode> {
  return new CitygridError([problemFrom(CATALOGUE, code, where, ...args)], CATALOGUE);
}
