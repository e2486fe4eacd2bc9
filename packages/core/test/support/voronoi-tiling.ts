import { Delaunay } from 'd3-delaunay';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { mulberry32 } from '../../src/index.ts';
import type { BBox } from '../../src/index.ts';

/** Options of {@link voronoiTiling}. */
export interface VoronoiTilingOptions {
  /** Number of features (grids) to return, exactly. */
  grids: number;
  /** Seed of the mulberry32 PRNG: the same seed gives the same tiling, bit for bit. */
  seed: number;
  /** `[minLon, minLat, maxLon, maxLat]` in degrees: the area the grids tile exactly. */
  bbox?: BBox;
  /** Vertices a single-cell polygon gets on average (Voronoi edges are densified to reach it). */
  verticesPerPolygon?: number;
  /** Share of grids that are MultiPolygons of two non-touching cells (一格多点). */
  multiPartShare?: number;
  /** Share of grids with a hole; each hole is filled by an enclave grid of its own. */
  holeShare?: number;
}

/** Properties of every feature {@link voronoiTiling} returns. */
export interface VoronoiGridProperties {
  /** `g` and at least six digits, in feature order: `g000000`, `g000001`, … */
  id: string;
  name: string;
}

const DEFAULTS = {
  bbox: [109.0, 32.7, 109.5, 33.2] as BBox, // 0.5° × 0.5° around Ankang (汉滨区): ~2,600 km²
  verticesPerPolygon: 130, // a surveyed community grid's boundary, after simplification
  multiPartShare: 0.1, // 一格多点: one grid, two separate parts
  holeShare: 0.05, // a grid with an enclave (a school, a barracks) carved out of it
};

/**
 * A synthetic, seeded grid set that tiles `bbox` exactly: the Voronoi diagram of random sites,
 * clipped to the box, with every shared edge densified to the same, bit-identical vertices on
 * both sides (so there are no gaps, overlaps or T-junctions). Some grids are two-part
 * MultiPolygons, some have a hole filled by an enclave grid with the same vertices.
 *
 * Rings are closed and follow RFC 7946 (outer counter-clockwise, holes clockwise). Neighbouring
 * rings share their `Position` arrays (half the memory at 100k grids): treat them as read-only.
 *
 * @example const fc = voronoiTiling({ grids: 300, seed: 1 }); fc.features[0].properties.id // 'g000000'
 */
export function voronoiTiling(options: VoronoiTilingOptions): FeatureCollection<Polygon | MultiPolygon, VoronoiGridProperties> {
  const { grids, seed, bbox, verticesPerPolygon, multiPartShare, holeShare } = { ...DEFAULTS, ...options };
  const plan = planCounts(grids, multiPartShare, holeShare);
  if (!(verticesPerPolygon >= 3)) throw new RangeError(`verticesPerPolygon: expected ≥ 3, got ${verticesPerPolygon}`);
  if (!(bbox[0] < bbox[2] && bbox[1] < bbox[3]))
    throw new RangeError(`bbox: expected [minLon, minLat, maxLon, maxLat], got ${JSON.stringify(bbox)}`);
  const rng = mulberry32(seed);
  const mesh = voronoiMesh(plan.cells, bbox, rng);
  const rings = densifyCells(mesh, verticesPerPolygon);
  const partner = pairCells(mesh, plan.multiParts, rng);
  const hosts = pickHosts(mesh, partner, plan.holes, rng);
  const features: Array<Feature<Polygon | MultiPolygon, VoronoiGridProperties>> = [];
  const add = (geometry: Polygon | MultiPolygon) => {
    const id = `g${String(features.length).padStart(6, '0')}`;
    features.push({ type: 'Feature', properties: { id, name: `synthetic grid ${features.length}` }, geometry });
  };
  for (let c = 0; c < plan.cells; c++) {
    const other = partner[c];
    if (other >= 0 && other < c) continue; // emitted with its partner
    if (other >= 0) {
      add({ type: 'MultiPolygon', coordinates: [[close(rings[c])], [close(rings[other])]] });
    } else if (hosts.has(c)) {
      const enclave = carve(mesh, c, verticesPerPolygon, rng);
      const outer = close(enclave);
      add({ type: 'Polygon', coordinates: [close(rings[c]), [...outer].reverse()] }); // the hole: the enclave's ring, reversed
      add({ type: 'Polygon', coordinates: [outer] });
    } else {
      add({ type: 'Polygon', coordinates: [close(rings[c])] });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * How many Voronoi cells, two-cell merges and holes give exactly `grids` features: every merge
 * takes one feature away, every hole adds its enclave.
 */
function planCounts(grids: number, multiPartShare: number, holeShare: number) {
  if (!Number.isInteger(grids) || grids < 1) throw new RangeError(`grids: expected a positive integer, got ${grids}`);
  for (const [name, share] of [
    ['multiPartShare', multiPartShare],
    ['holeShare', holeShare],
  ] as const) {
    if (!(share >= 0 && share < 0.5)) throw new RangeError(`${name}: expected a share in [0, 0.5), got ${share}`);
  }
  const multiParts = Math.round(grids * multiPartShare);
  const holes = Math.round(grids * holeShare);
  const cells = grids + multiParts - holes;
  if (cells < 2 * multiParts + holes || cells < 1) {
    throw new RangeError(`grids: ${grids} is too few for ${multiParts} multi-part grids and ${holes} holes`);
  }
  return { cells, multiParts, holes };
}

/** The clipped Voronoi diagram as a vertex table and one counter-clockwise ring of vertex ids per cell. */
interface Mesh {
  sites: Float64Array;
  /** Vertex coordinates `[x, y]`, one shared array per distinct vertex. */
  vertices: Position[];
  /** Per cell: vertex ids, counter-clockwise, not closed. */
  cells: number[][];
}

function voronoiMesh(count: number, bbox: BBox, rng: () => number): Mesh {
  const [x0, y0, x1, y1] = bbox;
  const sites = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    sites[2 * i] = x0 + rng() * (x1 - x0);
    sites[2 * i + 1] = y0 + rng() * (y1 - y0);
  }
  const voronoi = new Delaunay(sites).voronoi(bbox);
  // d3 clips every segment in one canonical direction and shares circumcentres, so a vertex has
  // the same bits in every cell that has it: an exact-key table finds them all (the tests check).
  const ids = new Map<string, number>();
  const vertices: Position[] = [];
  const cells: number[][] = [];
  for (let i = 0; i < count; i++) {
    const polygon = voronoi.cellPolygon(i);
    if (!polygon) throw new Error(`Voronoi cell ${i} is empty (duplicate site?)`);
    const ring: number[] = [];
    for (let k = 0; k + 1 < polygon.length; k++) {
      const [x, y] = polygon[k];
      const key = `${x},${y}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = vertices.push([x, y]) - 1;
        ids.set(key, id);
      }
      ring.push(id);
    }
    cells.push(ring); // d3 gives cells counter-clockwise for y pointing up (north)
  }
  return { sites, vertices, cells };
}

/**
 * Every cell's ring with each edge cut into pieces of about the same length, so that a cell gets
 * `verticesPerPolygon` vertices on average. An edge's inner points are computed once, from its
 * lexicographically smaller endpoint, and handed to both cells (bit-identical, same arrays).
 */
function densifyCells(mesh: Mesh, verticesPerPolygon: number): Position[][] {
  const { vertices, cells } = mesh;
  const length = (a: number, b: number) => Math.hypot(vertices[b][0] - vertices[a][0], vertices[b][1] - vertices[a][1]);
  let perimeters = 0;
  for (const ring of cells) for (let k = 0; k < ring.length; k++) perimeters += length(ring[k], ring[(k + 1) % ring.length]);
  const spacing = perimeters / cells.length / verticesPerPolygon;
  const inner = new Map<number, Position[]>();
  return cells.map((ring) => {
    const out: Position[] = [];
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k];
      const b = ring[(k + 1) % ring.length];
      const [lo, hi] = lexLess(vertices[a], vertices[b]) ? [a, b] : [b, a];
      const key = lo * vertices.length + hi;
      let points = inner.get(key);
      if (!points) {
        points = interpolate(vertices[lo], vertices[hi], Math.max(1, Math.round(length(a, b) / spacing)));
        inner.set(key, points);
      }
      out.push(vertices[a]);
      if (lo === a) for (let j = 0; j < points.length; j++) out.push(points[j]);
      else for (let j = points.length - 1; j >= 0; j--) out.push(points[j]);
    }
    return out;
  });
}

function lexLess(p: Position, q: Position): boolean {
  return p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
}

/** The `pieces - 1` points strictly between p and q; p + (q − p)·t keeps a border coordinate exact. */
function interpolate(p: Position, q: Position, pieces: number): Position[] {
  const out: Position[] = [];
  for (let j = 1; j < pieces; j++) {
    const t = j / pieces;
    out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
  }
  return out;
}

/**
 * `multiParts` pairs of cells that share no vertex, each cell at most once; a cell's partner is a
 * neighbour's neighbour where there is one (parts of a real multi-part grid lie close together).
 * Returns partner[cell], or -1.
 */
function pairCells(mesh: Mesh, multiParts: number, rng: () => number): Int32Array {
  const partner = new Int32Array(mesh.cells.length).fill(-1);
  if (multiParts === 0) return partner;
  const touching = touchingCells(mesh);
  let made = 0;
  for (const a of shuffled(mesh.cells.length, rng)) {
    if (made === multiParts) break;
    if (partner[a] >= 0) continue;
    const near = new Set<number>();
    for (const n of touching[a]) for (const m of touching[n]) near.add(m);
    const candidates = [...near].filter((b) => b !== a && partner[b] < 0 && !touching[a].includes(b));
    if (candidates.length === 0) continue;
    const b = candidates[Math.floor(rng() * candidates.length)];
    partner[a] = b;
    partner[b] = a;
    made++;
  }
  if (made < multiParts) throw new RangeError(`found only ${made} of ${multiParts} pairs of non-touching cells: ask for more grids`);
  return partner;
}

/** For every cell, the other cells sharing at least one vertex with it. */
function touchingCells(mesh: Mesh): number[][] {
  const byVertex: number[][] = mesh.vertices.map(() => []);
  mesh.cells.forEach((ring, c) => {
    ring.forEach((v) => {
      byVertex[v].push(c);
    });
  });

  return mesh.cells.map((ring, c) => [...new Set(ring.flatMap((v) => byVertex[v]))].filter((d) => d !== c));
}

function pickHosts(mesh: Mesh, partner: Int32Array, holes: number, rng: () => number): Set<number> {
  const hosts = new Set<number>();
  for (const c of shuffled(mesh.cells.length, rng)) {
    if (hosts.size === holes) break;
    if (partner[c] < 0) hosts.add(c);
  }
  return hosts;
}

/** 0 … n−1 in a seeded random order (Fisher–Yates). */
function shuffled(n: number, rng: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/**
 * A star-shaped polygon around the cell's site, counter-clockwise and not closed, strictly
 * inside the cell: every vertex is at most 60 % of the way from the site to the nearest edge
 * (the cell is convex and holds its site, so the whole star is inside).
 */
function carve(mesh: Mesh, cell: number, verticesPerPolygon: number, rng: () => number): Position[] {
  const x = mesh.sites[2 * cell];
  const y = mesh.sites[2 * cell + 1];
  const ring = mesh.cells[cell].map((v) => mesh.vertices[v]);
  let clearance = Infinity;
  for (let k = 0; k < ring.length; k++) clearance = Math.min(clearance, distanceToSegment(x, y, ring[k], ring[(k + 1) % ring.length]));
  const n = Math.max(3, Math.round(verticesPerPolygon) - 1);
  const out: Position[] = [];
  for (let j = 0; j < n; j++) {
    const angle = (2 * Math.PI * j) / n;
    const r = clearance * (0.35 + 0.25 * rng());
    out.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]);
  }
  return out;
}

function distanceToSegment(x: number, y: number, a: Position, b: Position): number {
  const ex = b[0] - a[0];
  const ey = b[1] - a[1];
  const len2 = ex * ex + ey * ey;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - a[0]) * ex + (y - a[1]) * ey) / len2)) : 0;
  return Math.hypot(a[0] + t * ex - x, a[1] + t * ey - y);
}

/** The ring with its first position repeated at the end (the same array: GeoJSON asks for equal values). */
function close(ring: Position[]): Position[] {
  return [...ring, ring[0]];
}
