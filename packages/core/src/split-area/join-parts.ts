/** How a multi-part area's pieces are laid out when parts may share a piece (一格多点). */
export interface JoinPlan {
  /** The part the joint pieces draw their other half from: the one with the most load. */
  host: number;
  /** Per part: whole pieces of a mean load each, and the remainder (0: none) that joins a host piece. */
  parts: Array<{ full: number; rest: number }>;
  /** Whole pieces of the host besides the joint ones. */
  hostFull: number;
}

// A part whose load divides into whole pieces within this of the mean keeps them to itself.
const FITS = 0.05;

/**
 * Plans pieces for an area of several parts when a piece may span parts: each part other than
 * the host takes as many whole pieces as its load holds (their loads within 5 % of the mean if
 * it divides evenly); what is left (an enclave lighter than a piece, or the excess of one
 * heavier) becomes one piece together with a piece of the host sized to make up the mean.
 * Splitting each part on its own can never balance a part whose load is, say, 0.7 or 1.4 of a
 * piece's; joined, every piece can be within a few percent. Returns null when no part needs
 * joining, or when the host has too little load for the joints.
 *
 * @param sizes load (or area) of each part, any unit
 * @param count pieces in all
 */
export function joinPlan(sizes: number[], count: number): JoinPlan | null {
  const mean = sizes.reduce((a, b) => a + b, 0) / count;
  let host = 0;
  for (let p = 1; p < sizes.length; p++) if (sizes[p] > sizes[host]) host = p;
  let pieces = 0,
    joints = 0;
  const parts = sizes.map((size, p) => {
    if (p === host) return { full: 0, rest: 0 };
    const x = size / mean;
    const n = Math.round(x);
    if (n >= 1 && Math.abs(x / n - 1) <= FITS) {
      pieces += n;
      return { full: n, rest: 0 };
    }
    const full = Math.floor(x);
    pieces += full;
    joints++;
    return { full, rest: size - full * mean };
  });
  const hostFull = count - pieces - joints;
  if (joints === 0 || hostFull < 0) return null;
  return { host, parts, hostFull };
}
