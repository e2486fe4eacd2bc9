import type { LineString, Position } from 'geojson';
import { CitygridError, problem } from '../errors.ts';
import { metresPerDegree } from '../geom/local-metres.ts';
import { withGeometry } from '../grids/with-geometry.ts';
import type { GridGeometry, GridSet } from '../types.ts';
import { checkAround, invalid } from './check-around.ts';
import { hasEdge, same } from './insert-on-edge.ts';

// How far (m) the new line's ends may be from the shared border's ends: a planner's click.
const END_SNAP_M = 1;

/** Where a shared border runs in one grid's ring: the ring (by part and ring) and its open positions from the border's start. */
interface Chain {
  part: number;
  ring: number;
  /** The open ring rotated to start at the border's first vertex. */
  rotated: Position[];
  /** Edges along the border (from rotated[0] to rotated[edges]). */
  edges: number;
}

/**
 * Moves the border shared by two grids onto a new line with the same two ends: both grids get
 * the new vertices (one in each direction), so the border stays vertex-identical, and every
 * other border is untouched. The result is checked against the grids around it: a line that
 * crosses another border, or the grids' own, is refused.
 *
 * @param gridSet a coverage whose shared borders are vertex-identical
 * @param pair the two grids' ids
 * @param line the new border, WGS84, from one end of the shared border to the other (ends within 1 m are snapped to them)
 * @returns a new grid set with the two grids reshaped
 * @throws CitygridError CG_ERR_NOT_FOUND (unknown id), CG_ERR_EDIT_INVALID (no such shared border, or the result would overlap or leave a gap)
 * @example
 * const next = moveBoundary(gridSet, ['A1', 'A2'], [[109.01, 32.68], [109.012, 32.685], [109.01, 32.69]]);
 */
export function moveBoundary(gridSet: GridSet, pair: [string, string], line: LineString | Position[]): GridSet {
  const [a, b] = pair.map((id) => {
    const g = gridSet.byId.get(id);
    if (!g) throw new CitygridError([problem('CG_ERR_NOT_FOUND', {}, `grid ${JSON.stringify(id)}`)]);
    return g;
  });
  const path = Array.isArray(line) ? line : line.coordinates;
  if (path.length < 2) throw invalid('the new border needs at least two positions');
  const chains = sharedChains(a.geometry, b.geometry);
  if (chains.length === 0) throw invalid(`grids ${a.id} and ${b.id} share no border`);
  const first = path[0],
    last = path[path.length - 1];
  const fits = chains
    .map((c) => ({ c, start: c.rotated[0], end: c.rotated[c.edges] }))
    .map((x) => ({ ...x, forward: near(first, x.start) && near(last, x.end), backward: near(first, x.end) && near(last, x.start) }))
    .find((x) => x.forward || x.backward);
  if (!fits) {
    const ends = chains.map((c) => `${fmt(c.rotated[0])} … ${fmt(c.rotated[c.edges])}`).join('; ');
    throw invalid(`the new line must start and end where the border of ${a.id} and ${b.id} does (${ends})`);
  }
  // Interior of the new line, oriented from the border's start (in a's ring) to its end.
  const inner = (fits.forward ? path : [...path].reverse()).slice(1, -1);
  const newA = replaceChain(a.geometry, fits.c, inner);
  const other = sharedChains(b.geometry, a.geometry).find((c) => same(c.rotated[0], fits.end) && same(c.rotated[c.edges], fits.start));
  if (!other) throw invalid(`the border of ${a.id} and ${b.id} does not run the same way on both sides: repair the coverage first`);
  const newB = replaceChain(b.geometry, other, [...inner].reverse());

  const reshaped = new Map([
    [a.id, withGeometry(a, newA)],
    [b.id, withGeometry(b, newB)],
  ]);
  const out = gridSet.grids.map((g) => reshaped.get(g.id) ?? g);
  const next: GridSet = { grids: out, byId: new Map(out.map((g) => [g.id, g])), idField: gridSet.idField };
  checkAround(gridSet, next, [...reshaped.values()]);
  return next;
}

/** Each maximal run of a's ring edges that b has too (either way round). */
function sharedChains(a: GridGeometry, b: GridGeometry): Chain[] {
  const polygons = a.type === 'Polygon' ? [a.coordinates] : a.coordinates;
  const chains: Chain[] = [];
  polygons.forEach((rings, part) => {
    rings.forEach((closed, ringIndex) => {
      const ring = closed.slice(0, -1);
      const n = ring.length;
      const shared = ring.map((p, i) => hasEdge(b, p, ring[(i + 1) % n]));
      if (shared.every(Boolean) || !shared.some(Boolean)) return; // an enclave's whole ring has no ends to move between
      for (let i = 0; i < n; i++) {
        if (!shared[i] || shared[(i + n - 1) % n]) continue; // not the start of a run
        let edges = 0;
        while (shared[(i + edges) % n]) edges++;
        chains.push({ part, ring: ringIndex, rotated: [...ring.slice(i), ...ring.slice(0, i)], edges });
      }
    });
  });

  return chains;
}

/** The geometry with the chain's inner vertices replaced by `inner` (its ends kept). */
function replaceChain(g: GridGeometry, chain: Chain, inner: Position[]): GridGeometry {
  const open = [chain.rotated[0], ...inner, ...chain.rotated.slice(chain.edges)];
  const ring = [...open, open[0]];
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r, i) => (i === chain.ring ? ring : r)) };
  return {
    type: 'MultiPolygon',
    coordinates: g.coordinates.map((rings, p) => (p === chain.part ? rings.map((r, i) => (i === chain.ring ? ring : r)) : rings)),
  };
}

function near(p: Position, q: Position): boolean {
  if (same(p, q)) return true;
  const { kx, ky } = metresPerDegree(q[1]);
  return Math.hypot((p[0] - q[0]) * kx, (p[1] - q[1]) * ky) <= END_SNAP_M;
}

function fmt(p: Position): string {
  return `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
}
