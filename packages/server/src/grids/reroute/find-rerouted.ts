import { locatorFromIndex, type RouterIndex } from '@citygrid/core';

/** What {@link findRerouted} takes: plain data a worker thread receives (the arrays transferred or shared). */
export interface RerouteArgs {
  /** The router index of the version being published (routerIndex): shared memory, nothing is copied. */
  index: RouterIndex;
  /** The reports' positions `[lon0, lat0, lon1, lat1, …]`, WGS84. */
  coords: Float64Array;
  /** Each report's grid now: its ord in the `grids` view, −1 outside every grid, −2 a grid no longer there. */
  from: Int32Array;
  /** A `grids` ord → the index of the grid with that id in the published version, −2 for none. */
  targetOf: Int32Array;
}

/** The reports whose grid changes: their positions in the arrays given, and each one's new grid index (−1 outside). */
export interface Rerouted {
  rows: Int32Array;
  to: Int32Array;
}

/**
 * Routes every position with the published version's index and keeps the reports whose grid
 * differs from the one they have. Plain data in and out, so a worker of the geometry pool runs
 * it (issue 19: re-routing 1M reports on the main thread held every request for ~0.5 s) as
 * well as the process itself; the two answers come back as typed arrays (transferred).
 * @example findRerouted({ index: routerIndex(router), coords, from, targetOf }).rows.length // reports that changed grid
 */
export function findRerouted(args: RerouteArgs): Rerouted {
  const { coords, from, targetOf } = args;
  const found = locatorFromIndex(args.index).routeBatch(coords);
  const was = (k: number) => (from[k] < 0 ? from[k] : (targetOf[from[k]] ?? -2));
  let changed = 0;
  for (let k = 0; k < from.length; k++) if (found[k] !== was(k)) changed++;
  const rows = new Int32Array(changed);
  const to = new Int32Array(changed);
  for (let k = 0, n = 0; k < from.length; k++) {
    if (found[k] === was(k)) continue;
    rows[n] = k;
    to[n++] = found[k];
  }
  return { rows, to };
}
