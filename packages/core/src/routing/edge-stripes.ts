import { indexBuffer } from './arena.ts';
import type { FlatParts } from './flat-parts.ts';

/**
 * Each part's edges bucketed into horizontal stripes, so a point-in-polygon test reads only
 * the edges whose y-range can reach the point's horizontal ray (~6 per stripe by default)
 * instead of all of the part's edges.
 */
export interface EdgeStripes {
  /** First stripe slot of part p in `stripeStart`; part p has partStripes[p] stripes. */
  partBase: Int32Array;
  partStripes: Int32Array;
  /** Stripes per degree of latitude for part p (1 / stripe height). */
  partScale: Float64Array;
  /** Edge offset of each stripe slot: stripe s lists edges stripeStart[s] … stripeStart[s + 1] − 1. */
  stripeStart: Int32Array;
  /** Index of the first vertex of each listed edge (the edge runs to the next vertex). */
  edges: Int32Array;
  /**
   * What a point test reads of part p, in one 64-byte line at 8p: minX, minY, maxX, maxY,
   * partScale, partBase, partStripes − 1. Apart, they cost a cache miss each at 100k grids.
   */
  partInfo: Float64Array;
}

/** Stride of {@link EdgeStripes.partInfo}. */
export const INFO = 8;

// ~6 edges per stripe: fewer stripes make long scans, more stripes repeat edges that span
// several stripes. 6–8 measured best on 130-vertex Voronoi cells (the routing bench).
const EDGES_PER_STRIPE = 6;
const MAX_STRIPES = 1024;

/** Edge slots that {@link fillEdgeStripes} needs for stripes counted by {@link countEdgeStripes}. */
export function stripeEdgeCount(stripes: EdgeStripes): number {
  return stripes.stripeStart[stripes.stripeStart.length - 1];
}

/**
 * Buckets every edge of every part into the stripes its y-range overlaps, first pass: stripes
 * per part and edges per stripe. `edges` is left empty, and stripeStart holds each stripe's
 * end, until {@link fillEdgeStripes}: the caller allocates `edges` together with the rest of
 * the index (arena.ts).
 */
export function countEdgeStripes(flat: FlatParts): EdgeStripes {
  const { coords, ringStart, partRing, partBox, partCount } = flat;
  const partBase = new Int32Array(partCount);
  const partStripes = new Int32Array(partCount);
  const partScale = new Float64Array(partCount);
  const partInfo = new Float64Array(indexBuffer(8 * INFO * partCount));
  let slots = 0;
  for (let p = 0; p < partCount; p++) {
    const edgeCount = ringStart[partRing[p + 1]] - ringStart[partRing[p]] - (partRing[p + 1] - partRing[p]);
    const n = Math.max(1, Math.min(MAX_STRIPES, Math.ceil(edgeCount / EDGES_PER_STRIPE)));
    const height = partBox[4 * p + 3] - partBox[4 * p + 1];
    partBase[p] = slots;
    partStripes[p] = n;
    partScale[p] = height > 0 ? n / height : 0;
    for (let i = 0; i < 4; i++) partInfo[INFO * p + i] = partBox[4 * p + i];
    partInfo[INFO * p + 4] = partScale[p];
    partInfo[INFO * p + 5] = slots;
    partInfo[INFO * p + 6] = n - 1;
    slots += n;
  }
  // Two passes: count the edges of each stripe, then place them. The stripe range of an edge
  // is computed again in the second pass: storing it (two Uint16 per edge, 60 MB at 100k
  // grids) cost more in the garbage collections that external memory sets off.
  const stripeStart = new Int32Array(slots + 1);
  for (let p = 0; p < partCount; p++) {
    const minY = partBox[4 * p + 1];
    const top = partStripes[p] - 1;
    const scale = partScale[p];
    const base = partBase[p];
    for (let r = partRing[p]; r < partRing[p + 1]; r++) {
      for (let e = ringStart[r], end = ringStart[r + 1] - 1; e < end; e++) {
        const ay = coords[2 * e + 1];
        const by = coords[2 * e + 3];
        const s0 = Math.min(top, Math.floor(((ay < by ? ay : by) - minY) * scale));
        const s1 = Math.min(top, Math.floor(((ay < by ? by : ay) - minY) * scale));
        for (let s = s0; s <= s1; s++) stripeStart[base + s]++;
      }
    }
  }
  // stripeStart[s] is first the end of stripe s, then counted down to its start as the stripe
  // fills (no cursor copy). Edge order within a stripe is free: the crossing parity and the
  // boundary bit do not depend on it, and rowCrossings sorts its crossings.
  for (let s = 1; s < slots; s++) stripeStart[s] += stripeStart[s - 1];
  if (slots > 0) stripeStart[slots] = stripeStart[slots - 1];
  return { partBase, partStripes, partScale, stripeStart, edges: new Int32Array(0), partInfo };
}

/** Second pass: places every edge in its stripes; `edges` holds stripeEdgeCount() slots. */
export function fillEdgeStripes(flat: FlatParts, stripes: EdgeStripes, edges: Int32Array): void {
  const { coords, ringStart, partRing, partBox, partCount } = flat;
  const { partBase, partStripes, partScale, stripeStart } = stripes;
  for (let p = 0; p < partCount; p++) {
    const minY = partBox[4 * p + 1];
    const top = partStripes[p] - 1;
    const scale = partScale[p];
    const base = partBase[p];
    for (let r = partRing[p]; r < partRing[p + 1]; r++) {
      for (let e = ringStart[r], end = ringStart[r + 1] - 1; e < end; e++) {
        const ay = coords[2 * e + 1];
        const by = coords[2 * e + 3];
        const s0 = Math.min(top, Math.floor(((ay < by ? ay : by) - minY) * scale));
        const s1 = Math.min(top, Math.floor(((ay < by ? by : ay) - minY) * scale));
        for (let s = s0; s <= s1; s++) edges[--stripeStart[base + s]] = e;
      }
    }
  }
  stripes.edges = edges;
}
