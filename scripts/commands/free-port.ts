import { createServer } from 'node:net';
import { cliError } from '../errors.ts';

// How far --port-auto looks past the port asked: a developer machine has a few servers on
// 8080-ish ports, rarely twenty.
const PORTS_TRIED = 20;

/**
 * The port `serve` will listen on: `port` if it is free (or 0: the system picks), else with
 * `auto` the next free one of the following {@link PORTS_TRIED}. Throws CG_ERR_PORT_IN_USE
 * (exit 2) otherwise, before anything is loaded. A probe, so another program may still take
 * the port in the instant before `listen`: serve catches that too.
 * @example await choosePort('127.0.0.1', 8080, true) // 8081 when 8080 is taken
 */
export async function choosePort(host: string, port: number, auto: boolean): Promise<number> {
  if (port === 0) return 0;
  const last = auto ? Math.min(65535, port + PORTS_TRIED) : port;
  for (let p = port; p <= last; p++) if (await isFree(host, p)) return p;
  throw portInUse(host, port, auto ? last : undefined);
}

/**
 * The error for a port already taken.
 * @example throw portInUse('127.0.0.1', 8080)
 */
export function portInUse(host: string, port: number, lastTried?: number) {
  return cliError('CG_ERR_PORT_IN_USE', {}, lastTried === undefined ? `port ${port}` : `ports ${port}–${lastTried}`, host);
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => done(true)));
  });
}
