import type { CoverageProgress } from '@citygrid/core';

/**
 * A progress meter on stderr for long checks: on a terminal one line redrawn in place, in a
 * log one line per phase (and at most one every few seconds within a phase), so a 50,000-grid
 * run shows it is alive without flooding anything.
 */
export function phaseProgress(label: string, stream: NodeJS.WriteStream = process.stderr): (p: CoverageProgress) => void {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let last = 0;
  let lastPhase = '';
  return (p) => {
    const now = performance.now();
    const finished = p.done === p.total;
    const newPhase = p.phase !== lastPhase;
    if (!finished && !newPhase && now - last < (tty ? 200 : 5000)) return;
    last = now;
    lastPhase = p.phase;
    const share = p.total ? ` (${Math.floor((100 * p.done) / p.total)} %)` : '';
    const line = `${label}: ${p.phase} ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} ${p.unit}${share}, ${((now - started) / 1000).toFixed(1)} s`;
    stream.write(tty ? `\r\x1b[K${line}${p.phase === 'done' ? '\n' : ''}` : `${line}\n`);
  };
}
