import { expect, test } from 'vitest';
import { ERRORS } from '@citygrid/core';
import { SERVER_ERRORS } from '../../src/index.ts';

// Raised only when the CLI opens a file, never over HTTP: their fix is for the command line.
const CLI_ONLY = new Set(['CG_ERR_DB_IN_USE', 'CG_ERR_DB_PATH']);

test('errors answered over HTTP give HTTP advice, not command-line advice', () => {
  for (const [code, entry] of Object.entries({ ...ERRORS, ...SERVER_ERRORS })) {
    if (CLI_ONLY.has(code)) continue;
    expect(entry.fix, code).not.toMatch(/\bcitygrid (serve|keys|import)\b|serve --/);
  }
});
