import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(import.meta.dirname, 'serve-child.ts');

/**
 * Starts the server on `dbPath` in a child process (serve-child.ts), for tests that kill it.
 * @example const { url, kill } = await childServer(dbPath); … await kill();
 */
export async function childServer(dbPath: string): Promise<{ url: string; child: ChildProcess; kill(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  // kill -9: no handler runs, nothing is flushed or closed.
  const kill = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  return { url, child, kill };
}

/**
 * `clients` clients that POST one report each to `url`/api/reports, one at a time and retrying
 * nothing, until the server dies under them; resolves, after it was killed with `kill`, with the
 * ids it acknowledged (201 naming the id) and how many were sent.
 * @example const { acknowledged } = await postUntilKilled(server, (n) => ({ id: `k${n}`, … }), 10, 300);
 */
export async function postUntilKilled(
  server: { url: string; kill(): Promise<void> },
  report: (n: number) => { id: string },
  clients: number,
  killAfter: number,
): Promise<{ acknowledged: Set<string>; sent: number }> {
  const acknowledged = new Set<string>();
  let killed = false;
  let next = 0;
  const client = async () => {
    while (!killed) {
      const body = report(next++);
      try {
        const res = await fetch(`${server.url}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status === 201 && (await res.json()).reports[0].id === body.id) acknowledged.add(body.id);
      } catch {
        return; // the connection died with the server: not acknowledged
      }
    }
  };
  const running = Array.from({ length: clients }, client);
  while (acknowledged.size < killAfter) await new Promise((r) => setTimeout(r, 2));
  await server.kill();
  killed = true;
  await Promise.all(running);
  return { acknowledged, sent: next };
}
