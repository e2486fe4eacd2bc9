import type { CoverageProgress } from '@citygrid/core';

/** A check shorter than this shows no meter: most grid sets answer at once (LA's 99 councils in 0.4 s). */
export const PROGRESS_AFTER_MS = 1000;

/**
 * Forwards progress to `meter` once the check has run `afterMs`: every check longer than a
 * second shows its phases and counts, whatever its size (issue 18: a 2,000-square lattice took
 * 106 s with no meter, as only inputs over 10,000 grids had one), and a quick one prints nothing.
 * The first event after that moment opens the meter, with the phase then running.
 */
export function progressAfter(
  meter: (p: CoverageProgress) => void,
  afterMs = PROGRESS_AFTER_MS,
  now: () => number = () => performance.now(),
): (p: CoverageProgress) => void {
  const started = now();
  let open = false;
  return (p) => {
    if (!open && now() - started < afterMs) return;
    open = true;
    meter(p);
  };
}
