import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.ts';

/** Runs the workspace's `citygrid` bin as `npx citygrid` does: the file package.json names. */
function bin(args: string[]) {
  const pkg = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
  const r = spawnSync(resolve(ROOT, pkg.citygrid), args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the citygrid bin', () => {
  it('prints only what the command prints: KEY=$(citygrid keys create …) captures the key alone', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-bin-')), 'k.duckdb');
    const r = bin(['keys', 'create', '--role', 'admin', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^cg_[0-9a-f]{12}_[A-Za-z0-9_-]+\n$/);
  });

  it('--json output parses, and a failure exits with the catalogue code and no ELIFECYCLE', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-bin-')), 'k.duckdb');
    bin(['keys', 'create', '--role', 'viewer', '--db', db]);
    const list = bin(['keys', 'list', '--db', db, '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ role: 'viewer' }]);
    const bad = bin(['keys', 'list', '--db', join(db, 'nope.duckdb')]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).not.toMatch(/ELIFECYCLE|^\s+at /m);
  });
});
