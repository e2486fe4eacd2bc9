import Constrainautor from '@kninnug/constrainautor';
import Delaunator from 'delaunator';
import type { Position } from 'geojson';
import { cutGraph, type CutGraph } from './cut-lines.ts';
import { floodFill } from './flood-fill.ts';
import { SegmentIndex } from './segment-index.ts';
import { steinerPoints, type LoadDensity } from './steiner-points.ts';

/**
 * A constrained Delaunay triangulation of one polygon (outer ring + holes) with interior
 * Steiner points, in a local planar frame. Points are the ring vertices first (their original
 * lon/lat values, bit for bit), then the Steiner points; triangles and half-edges are in
 * Delaunator's layout (half-edge e runs from triangles[e] to triangles[next(e)]; triangles are
 * clockwise in the y-north frame).
 */
export interface AreaMesh {
  /** `[lon, lat]` of each point, flat. */
  lonLat: Float64Array;
  /** Local planar coordinates in metres (x east, y north), flat. */
  xy: Float64Array;
  /** Points below this index are ring vertices; from it on, interior points. */
  ringPoints: number;
  /** The next this many points are cut-line vertices, the rest Steiner points. */
  cutPoints: number;
  triangles: Uint32Array;
  halfedges: Int32Array;
  /** 1 for each triangle inside the polygon. */
  inside: Uint8Array;
  /** 1 for each half-edge lying on a ring of the polygon. */
  onRing: Uint8Array;
  /** 1 for each half-edge lying on a cut line. */
  onCut: Uint8Array;
  /** The local frame: lon/lat in degrees to metres east and north. */
  toXY(lon: number, lat: number): [number, number];
  /** Its inverse. */
  toLonLat(x: number, y: number): [number, number];
  /** With a load: the points inside the rings, in the planar frame, and their weights. */
  points?: { xy: Float64Array; weight: Float64Array };
}

/** Load to refine the mesh by: weighted points in lon/lat degrees (see {@link LoadDensity}). */
export interface MeshLoad {
  /** Flat `[lon, lat, weight, …]`. */
  points: Float64Array;
  /** A lattice cell is refined while it holds more than this share of the load inside the rings. */
  cellShare: number;
  /** Smallest cell in metres. */
  minSize: number;
}

// Metres per degree of latitude on a sphere of the WGS84 mean radius: the local frame only
// needs to be conformal enough for good triangles; areas are measured on the ellipsoid later.
const M_PER_DEG = 111_195;
/**
 * Triangulates one polygon. `rings` are closed GeoJSON rings (outer first, then holes);
 * `spacing` is the distance in metres between Steiner points, which stay at least half a
 * spacing away from every ring edge, so no point is ever added on the boundary. With `load`,
 * the lattice is refined where the load is concentrated ({@link steinerPoints}).
 */
export function meshArea(rings: Position[][], spacing: number, rng: () => number, load?: MeshLoad, cuts?: Position[][]): AreaMesh {
  const frame = localFrame(rings[0][0]);
  const { lonLat, ringIndex } = ringVertices(rings);
  const ringPoints = lonLat.length / 2;
  const segments = ringSegments(lonLat, ringIndex, frame);
  const index = new SegmentIndex(segments, spacing);
  const box = boxOf(segments);
  const density = load && densityIn(load, frame, index, box);
  const cut = cuts?.length
    ? cutGraph(cuts, index, ringXY(lonLat, frame), spacing / 2, spacing / 2, frame.toXY, frame.toLonLat)
    : { lonLat: [], edges: [] };
  const avoid = cut.edges.length ? cutSegments(cut, lonLat, frame) : undefined;
  const steiner = steinerPoints(index, box, spacing, rng, frame.toLonLat, density, avoid);
  const all = new Float64Array(lonLat.length + cut.lonLat.length + steiner.length);
  all.set(lonLat);
  all.set(cut.lonLat, lonLat.length);
  all.set(steiner, lonLat.length + cut.lonLat.length);
  const xy = new Float64Array(all.length);
  for (let i = 0; i < all.length; i += 2) [xy[i], xy[i + 1]] = frame.toXY(all[i], all[i + 1]);
  const edges = ringEdges(ringIndex);
  const del = new Delaunator(xy);
  const con = new Constrainautor(del);
  if (con.untriangulatedPoints().length) throw new Error('splitArea: duplicate or coincident points in the input rings');
  con.constrainAll(edges);
  const cutEdges = constrainCuts(con, cut.edges, ringPoints);
  const onRing = markRingEdges(del.triangles, edges, ringPoints);
  const onCut = markEdges(del.triangles, cutEdges, xy.length / 2);
  const inside = classifyTriangles(del.triangles, del.halfedges, onRing, xy, index);
  checkArea(del.triangles, inside, xy, ringIndex);
  const points = density && { xy: density.xy, weight: density.weight };
  return {
    lonLat: all,
    xy,
    ringPoints,
    cutPoints: cut.lonLat.length / 2,
    triangles: del.triangles,
    halfedges: del.halfedges,
    inside,
    onRing,
    onCut,
    toXY: frame.toXY,
    toLonLat: frame.toLonLat,
    points,
  };
}

/**
 * Constrains each cut edge (point ids offset past the ring points); an edge the triangulation
 * refuses (it would cross another constraint or run through a point: possible only after
 * rounding to 1e-7°) is left out. Returns the edges constrained.
 */
function constrainCuts(con: Constrainautor, edges: number[], offset: number): [number, number][] {
  const done: [number, number][] = [];
  const id = (v: number) => (v < 0 ? -1 - v : v + offset);
  for (let i = 0; i < edges.length; i += 2) {
    const [a, b] = [id(edges[i]), id(edges[i + 1])];
    try {
      con.constrainOne(a, b);
      done.push([a, b]);
    } catch {
      // left unconstrained: the pieces' borders simply need not follow this step
    }
  }
  return done;
}

/** The cut edges as an index of planar segments (Steiner points keep clear of them). */
function cutSegments(cut: CutGraph, ringLonLat: Float64Array, frame: Frame): SegmentIndex {
  const flat: number[] = [];
  const at = (v: number) =>
    v < 0 ? frame.toXY(ringLonLat[2 * (-1 - v)], ringLonLat[2 * (-1 - v) + 1]) : frame.toXY(cut.lonLat[2 * v], cut.lonLat[2 * v + 1]);
  for (let i = 0; i < cut.edges.length; i += 2) flat.push(...at(cut.edges[i]), ...at(cut.edges[i + 1]));
  return new SegmentIndex(Float64Array.from(flat), 0);
}

/** Ring vertices in the planar frame, flat. */
function ringXY(lonLat: Float64Array, frame: Frame): Float64Array {
  const xy = new Float64Array(lonLat.length);
  for (let i = 0; i < lonLat.length; i += 2) [xy[i], xy[i + 1]] = frame.toXY(lonLat[i], lonLat[i + 1]);
  return xy;
}

interface Frame {
  toXY(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): [number, number];
}

/** Equirectangular frame centred on one vertex: metres east and north of it. */
function localFrame(origin: Position): Frame {
  const [lon0, lat0] = origin;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  return {
    toXY: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * M_PER_DEG],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / M_PER_DEG],
  };
}

/** Distinct ring vertices (a vertex shared by two rings is one point) and each ring as indices. */
function ringVertices(rings: Position[][]): { lonLat: Float64Array; ringIndex: number[][] } {
  const index = new Map<string, number>();
  const coords: number[] = [];
  const ringIndex = rings.map((ring) => {
    const ids: number[] = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const [lon, lat] = ring[i];
      const key = `${lon},${lat}`;
      let id = index.get(key);
      if (id === undefined) {
        id = coords.length / 2;
        index.set(key, id);
        coords.push(lon, lat);
      }
      if (ids[ids.length - 1] !== id) ids.push(id);
    }
    if (ids.length > 1 && ids[0] === ids[ids.length - 1]) ids.pop();
    return ids;
  });
  return { lonLat: Float64Array.from(coords), ringIndex };
}

/** Every ring edge once, as point-index pairs. */
function ringEdges(ringIndex: number[][]): [number, number][] {
  const seen = new Set<string>();
  const edges: [number, number][] = [];
  for (const ids of ringIndex) {
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i];
      const b = ids[(i + 1) % ids.length];
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      edges.push([a, b]);
    }
  }
  return edges;
}

/** Ring edges as planar segments, flat `[ax, ay, bx, by]`. */
function ringSegments(lonLat: Float64Array, ringIndex: number[][], frame: Frame): Float64Array {
  const out: number[] = [];
  for (const ids of ringIndex) {
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i];
      const b = ids[(i + 1) % ids.length];
      out.push(...frame.toXY(lonLat[2 * a], lonLat[2 * a + 1]), ...frame.toXY(lonLat[2 * b], lonLat[2 * b + 1]));
    }
  }
  return Float64Array.from(out);
}

/** `[minX, minY, maxX, maxY]` of flat segments. */
function boxOf(segments: Float64Array): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < segments.length; i += 2) {
    minX = Math.min(minX, segments[i]);
    maxX = Math.max(maxX, segments[i]);
    minY = Math.min(minY, segments[i + 1]);
    maxY = Math.max(maxY, segments[i + 1]);
  }
  return [minX, minY, maxX, maxY];
}

/** The load's points inside the rings, in the frame, with the cell limit that share gives. */
function densityIn(load: MeshLoad, frame: Frame, index: SegmentIndex, [minX, minY, maxX, maxY]: number[]): LoadDensity {
  // The box in degrees first: most points given to one town of a district lie in another.
  const [lon0, lat0] = frame.toLonLat(minX, minY);
  const [lon1, lat1] = frame.toLonLat(maxX, maxY);
  const ox = frame.toXY(0, 0),
    dx = frame.toXY(1, 0)[0] - ox[0],
    dy = frame.toXY(0, 1)[1] - ox[1];
  const xy: number[] = [];
  const weight: number[] = [];
  const p = load.points;
  let total = 0;
  for (let i = 0; i < p.length; i += 3) {
    const lon = p[i],
      lat = p[i + 1],
      w = p[i + 2];
    if (!(w > 0) || lon < lon0 || lon > lon1 || lat < lat0 || lat > lat1) continue;
    const x = ox[0] + lon * dx,
      y = ox[1] + lat * dy;
    if (!index.inside(x, y)) continue;
    xy.push(x, y);
    weight.push(w);
    total += w;
  }
  return { xy: Float64Array.from(xy), weight: Float64Array.from(weight), maxLoad: total * load.cellShare, minSize: load.minSize };
}

/** 1 for each half-edge joining the two ends of one of `edges` (point ids below n). */
function markEdges(triangles: Uint32Array, edges: [number, number][], n: number): Uint8Array {
  const keys = new Set<number>();
  for (const [a, b] of edges) keys.add(Math.min(a, b) * n + Math.max(a, b));
  const out = new Uint8Array(triangles.length);
  if (keys.size === 0) return out;
  for (let e = 0; e < triangles.length; e++) {
    const a = triangles[e];
    const b = triangles[e % 3 === 2 ? e - 2 : e + 1];
    if (keys.has(Math.min(a, b) * n + Math.max(a, b))) out[e] = 1;
  }
  return out;
}

function markRingEdges(triangles: Uint32Array, edges: [number, number][], n: number): Uint8Array {
  const keys = new Set<number>();
  for (const [a, b] of edges) keys.add(Math.min(a, b) * n + Math.max(a, b));
  const onRing = new Uint8Array(triangles.length);
  for (let e = 0; e < triangles.length; e++) {
    const a = triangles[e];
    const b = triangles[e % 3 === 2 ? e - 2 : e + 1];
    if (a < n && b < n && keys.has(Math.min(a, b) * n + Math.max(a, b))) onRing[e] = 1;
  }
  return onRing;
}

/**
 * Inside/outside for every triangle: triangles not separated by a ring edge are on the same
 * side, so one centroid test per connected patch suffices (every ring edge is constrained).
 */
function classifyTriangles(
  triangles: Uint32Array,
  halfedges: Int32Array,
  onRing: Uint8Array,
  xy: Float64Array,
  index: SegmentIndex,
): Uint8Array {
  const nt = triangles.length / 3;
  const inside = new Uint8Array(nt);
  const patch = new Int32Array(nt).fill(-1);
  const next = (t: number, j: number): number => {
    const twin = halfedges[3 * t + j];
    return twin < 0 || onRing[3 * t + j] ? -1 : Math.floor(twin / 3);
  };
  for (let start = 0, count = 0; start < nt; start++) {
    if (patch[start] >= 0) continue;
    const [cx, cy] = centroid(triangles, xy, start);
    const value = index.inside(cx, cy) ? 1 : 0;
    floodFill(start, count++, patch, next, (t) => (inside[t] = value));
  }
  return inside;
}

export function centroid(triangles: Uint32Array, xy: Float64Array, t: number): [number, number] {
  const a = triangles[3 * t],
    b = triangles[3 * t + 1],
    c = triangles[3 * t + 2];
  return [(xy[2 * a] + xy[2 * b] + xy[2 * c]) / 3, (xy[2 * a + 1] + xy[2 * b + 1] + xy[2 * c + 1]) / 3];
}

/** Unsigned planar area of triangle t in m². */
export function triangleArea(triangles: Uint32Array, xy: Float64Array, t: number): number {
  const a = triangles[3 * t],
    b = triangles[3 * t + 1],
    c = triangles[3 * t + 2];
  const ux = xy[2 * b] - xy[2 * a],
    uy = xy[2 * b + 1] - xy[2 * a + 1];
  const vx = xy[2 * c] - xy[2 * a],
    vy = xy[2 * c + 1] - xy[2 * a + 1];
  return Math.abs(ux * vy - uy * vx) / 2;
}

/**
 * The inside triangles must cover exactly the polygon's planar area: a cheap proof that every
 * ring edge was constrained and the classification is right (a 1e-9 relative miss means bad
 * input, e.g. self-intersecting rings).
 */
function checkArea(triangles: Uint32Array, inside: Uint8Array, xy: Float64Array, ringIndex: number[][]): void {
  let mesh = 0;
  for (let t = 0; t < inside.length; t++) if (inside[t]) mesh += triangleArea(triangles, xy, t);
  let polygon = 0;
  ringIndex.forEach((ids, r) => {
    let twice = 0;
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i],
        b = ids[(i + 1) % ids.length];
      twice += xy[2 * a] * xy[2 * b + 1] - xy[2 * b] * xy[2 * a + 1];
    }
    polygon += (r === 0 ? 1 : -1) * Math.abs(twice / 2);
  });
  if (Math.abs(mesh - polygon) > 1e-9 * polygon + 1e-6) {
    throw new Error(
      `splitArea: triangulation covers ${mesh.toFixed(3)} m², the polygon ${polygon.toFixed(3)} m²: rings self-intersect or holes overlap`,
    );
  }
}
