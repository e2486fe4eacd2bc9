import { MinHeap } from './min-heap.ts';
import type { TriGraph } from '../mesh/tri-graph.ts';
import { vertexStars } from '../mesh/vertex-stars.ts';

/**
 * Which region owns each triangle, with each region's load and area, and the two local tests
 * that keep every region a topological disk (one simple ring when traced):
 *
 * - **add** ({@link canAdd}): a triangle sharing two edges with the region may always join;
 *   sharing one, only if its third corner is not on the region yet;
 * - **remove** ({@link canRemove}): the same rule run backwards — a triangle with one edge in
 *   its region may leave if no other triangle of the region touches its third corner; with two,
 *   if the corner where those edges meet is inside the area and every triangle around it is in
 *   the region.
 *
 * "Is corner p on region r" walks the triangles around p (about 6) instead of keeping a count
 * per region and point, which for 10,000 regions would have cost gigabytes.
 */
export class RegionState {
  readonly owner: Int32Array;
  readonly k: number;
  readonly load: Float64Array;
  readonly area: Float64Array;
  /** 1 for a region that took a triangle without the disk rule: never asked to give one up. */
  readonly relaxed: Uint8Array;
  /** Scratch heap for floods, kept between them. */
  readonly heap = new MinHeap();
  /** Scratch arrays of one number per triangle, for floods. */
  readonly scratch: Int32Array;
  readonly scratchKey: Float64Array;
  /** Cut lines crossed on the way from its region's seed to each triangle, for floods. */
  readonly crossed: Int32Array;
  /**
   * Power distance (m²) added for each cut line a region reaches across: borders then settle
   * on cut lines where they are near anyway. 0 without cut lines.
   */
  cutPenalty = 0;
  /** The edge (0–2) of the last {@link sharedEdges} call's last shared edge. */
  edge = -1;
  private readonly starStart: Int32Array;
  private readonly starTri: Int32Array;

  /**
   * @param xy mesh point coordinates in metres, flat
   * @param triLoad load of each triangle
   * @param target load each region aims at
   * @param ringPoints mesh points below this index lie on the area's boundary
   */
  constructor(
    readonly g: TriGraph,
    readonly xy: Float64Array,
    readonly triLoad: Float64Array,
    readonly target: Float64Array,
    readonly ringPoints: number,
  ) {
    const k = target.length;
    this.k = k;

    this.owner = new Int32Array(g.n).fill(-1);
    this.scratch = new Int32Array(g.n);
    this.scratchKey = new Float64Array(g.n);
    this.crossed = new Int32Array(g.n);
    this.load = new Float64Array(k);
    this.area = new Float64Array(k);
    this.relaxed = new Uint8Array(k);
    [this.starStart, this.starTri] = vertexStars(g);
  }

  /** Relative load error of region r: load / target − 1. */
  error(r: number): number {
    return this.load[r] / this.target[r] - 1;
  }

  /** Every triangle unowned, every region empty. */
  clear(): void {
    this.owner.fill(-1);
    this.load.fill(0);
    this.area.fill(0);
    this.relaxed.fill(0);
  }

  /** Takes over an owner array (all triangles owned), recomputing loads and areas. */
  assign(owner: Int32Array): void {
    this.clear();
    for (let t = 0; t < owner.length; t++) this.add(t, owner[t]);
  }

  add(t: number, r: number): void {
    this.owner[t] = r;
    this.load[r] += this.triLoad[t];
    this.area[r] += this.g.area[t];
  }

  remove(t: number): void {
    const r = this.owner[t];
    this.owner[t] = -1;
    this.load[r] -= this.triLoad[t];
    this.area[r] -= this.g.area[t];
  }

  move(t: number, r: number): void {
    this.remove(t);
    this.add(t, r);
  }

  /** Number of edges t shares with region r; the last such edge is left in {@link edge}. */
  sharedEdges(t: number, r: number): number {
    let count = 0;
    for (let j = 0; j < 3; j++) {
      const u = this.g.nbr[3 * t + j];
      if (u >= 0 && this.owner[u] === r) {
        count++;
        this.edge = j;
      }
    }
    return count;
  }

  /** Triangles of region r around point p, up to `limit`. */
  touching(p: number, r: number, limit: number): number {
    let n = 0;
    for (let i = this.starStart[p]; i < this.starStart[p + 1] && n < limit; i++) if (this.owner[this.starTri[i]] === r) n++;
    return n;
  }

  /** Whether region r plus triangle t (not in r) is still a disk. */
  canAdd(t: number, r: number): boolean {
    const count = this.sharedEdges(t, r);
    if (count !== 1) return count >= 2;
    return this.touching(this.g.corner[3 * t + ((this.edge + 2) % 3)], r, 1) === 0;
  }

  /** Whether t's region minus t is still a non-empty disk. */
  canRemove(t: number): boolean {
    const r = this.owner[t];
    if (this.relaxed[r]) return false;
    const count = this.sharedEdges(t, r);
    if (count === 1) return this.touching(this.g.corner[3 * t + ((this.edge + 2) % 3)], r, 2) === 1;
    if (count !== 2) return false;
    // The edge not shared is the one whose neighbour is elsewhere; the corner opposite it is
    // where the two shared edges meet.
    let free = 0;
    for (let j = 0; j < 3; j++) {
      const u = this.g.nbr[3 * t + j];
      if (u < 0 || this.owner[u] !== r) free = j;
    }
    const c = this.g.corner[3 * t + ((free + 2) % 3)];
    if (c < this.ringPoints) return false;
    for (let i = this.starStart[c]; i < this.starStart[c + 1]; i++) if (this.owner[this.starTri[i]] !== r) return false;
    return true;
  }
}
