import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { citygrid } from './cli.ts';

it('serve --check-timeout takes a positive number of seconds; anything else is a usage error (exit 2), nothing started', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'citygrid-serve-')), 'x.duckdb');
  for (const bad of ['0', 'soon']) {
    const r = citygrid(['serve', '--db', db, '--port', '0', '--check-timeout', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--check-timeout ${bad} is not a positive number of seconds`);
  }
});
