import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Runs `citygrid <args>` as a user would, through tsx; returns exit code and output. */
export function citygrid(args: string[], options: { cwd?: string } = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/citygrid.ts'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: options.cwd ?? ROOT },
    timeout: 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `citygrid serve` and resolves with its base URL once it prints it, plus a stop(). */
export function startServe(
  args: string[],
  timeoutMs = 90_000,
): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/citygrid.ts'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: ROOT },
  });
  let out = '';
  const stop = () =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.once('exit', (code) => done(code));
      child.kill('SIGTERM');
    });
  return new Promise((ok, ko) => {
    const timer = setTimeout(() => void stop().then(() => ko(new Error(`serve did not start in ${timeoutMs} ms:\n${out}`))), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /viewer: (http:\/\/\S+?)\/\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1], output: () => out, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}
