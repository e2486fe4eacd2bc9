import { orient2d } from 'robust-predicates';
import type { NodedEdges } from './node-edges.ts';
import { YBands } from './y-bands.ts';

/** One face of the arrangement: a counter-clockwise shell, the cycles inside it, its winding. */
export interface Face {
  /** Vertex ids of the shell, open (counter-clockwise when bounded). */
  shell: number[];
  /** Vertex ids of each hole (the outer cycle of a component lying in this face), open. */
  holes: number[][];
  /** Σ indicator(grid) − indicator(parent) inside the face (Σ grids alone without a parent). */
  winding: number;
  /** False for the outer cycle of a component: that is the hole of a face around it. */
  bounded: boolean;
  /** Connected component of the arrangement. */
  component: number;
}

/**
 * Faces of noded, weighted edges (a planar graph), each with its winding number: half-edges
 * sorted by angle round each vertex, cycles traced with the face on the left (the next
 * half-edge is the first clockwise from the way back, so faces split at pinch points), then the
 * winding carried across every edge (left − right = the edge's weight) from each component's
 * outer cycle, whose own winding comes from a ray cast against the other components (0 unless
 * it lies inside one). A component inside another's face becomes that face's hole.
 *
 * @returns the bounded faces and the outer cycles (`bounded: false`)
 */
export function buildFaces(g: NodedEdges): Face[] {
  const { xs, ys, from, to, weight, count } = g;
  const h2 = 2 * count;
  const origin = (h: number) => ((h & 1) === 0 ? from[h >> 1] : to[h >> 1]);
  const dest = (h: number) => ((h & 1) === 0 ? to[h >> 1] : from[h >> 1]);
  // Half-edges out of each vertex, by angle (CSR).
  const nv = xs.length;
  const start = new Int32Array(nv + 1);
  for (let h = 0; h < h2; h++) start[origin(h) + 1]++;
  for (let v = 0; v < nv; v++) start[v + 1] += start[v];
  const fill = start.slice(0, nv);
  const out = new Int32Array(h2);
  for (let h = 0; h < h2; h++) out[fill[origin(h)]++] = h;
  const angle = new Float64Array(h2);
  for (let h = 0; h < h2; h++) angle[h] = Math.atan2(ys[dest(h)] - ys[origin(h)], xs[dest(h)] - xs[origin(h)]);
  const pos = new Int32Array(h2);
  for (let v = 0; v < nv; v++) {
    // Insertion sort in place: degrees are 2–4 (an array and a sort per vertex were 10 % of LA's run).
    for (let i = start[v] + 1; i < start[v + 1]; i++) {
      const h = out[i];
      let j = i - 1;
      while (j >= start[v] && angle[out[j]] > angle[h]) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = h;
    }
    for (let i = start[v]; i < start[v + 1]; i++) pos[out[i]] = i - start[v];
  }
  const next = (h: number) => {
    const b = dest(h),
      deg = start[b + 1] - start[b];
    return out[start[b] + ((pos[h ^ 1] - 1 + deg) % deg)];
  };
  // Cycles.
  const faceOf = new Int32Array(h2).fill(-1);
  const cycles: number[][] = [];
  const areas: number[] = [];
  for (let h0 = 0; h0 < h2; h0++) {
    if (faceOf[h0] >= 0) continue;
    const f = cycles.length,
      cycle: number[] = [];
    let area = 0;
    const x0 = xs[origin(h0)],
      y0 = ys[origin(h0)];
    for (let h = h0; faceOf[h] < 0; h = next(h)) {
      faceOf[h] = f;
      cycle.push(h);
      const ax = xs[origin(h)] - x0,
        ay = ys[origin(h)] - y0,
        bx = xs[dest(h)] - x0,
        by = ys[dest(h)] - y0;
      area += ax * by - bx * ay;
    }
    cycles.push(cycle);
    areas.push(area / 2);
  }
  const component = components(g, cycles, origin);
  const faces: Face[] = cycles.map((c, f) => ({
    shell: c.map(origin),
    holes: [],
    winding: 0,
    bounded: areas[f] > 0,
    component: component[f],
  }));
  // Per component: its outer cycle (the most negative area) and the winding around it.
  const outer = new Map<number, number>();
  faces.forEach((face, f) => {
    if (!face.bounded && (!outer.has(face.component) || areas[f] < areas[outer.get(face.component)!])) outer.set(face.component, f);
  });
  const compOfEdge = new Int32Array(count);
  for (let e = 0; e < count; e++) compOfEdge[e] = component[faceOf[2 * e]];
  const seen = new Uint8Array(cycles.length);
  const bands = new YBands(
    Float64Array.from(from, (a, e) => Math.min(ys[a], ys[to[e]])),
    Float64Array.from(from, (a, e) => Math.max(ys[a], ys[to[e]])),
  );
  for (const [comp, f0] of outer) {
    const { winding, inside } = rayCast(g, bands, compOfEdge, comp, faces[f0].shell[0], faceOf);
    if (inside >= 0) faces[inside].holes.push(faces[f0].shell);
    // Breadth-first across edges: left − right = weight of the half-edge.
    faces[f0].winding = winding;
    seen[f0] = 1;
    const queue = [f0];
    while (queue.length) {
      const f = queue.pop()!;
      for (const h of cycles[f]) {
        const other = faceOf[h ^ 1];
        if (seen[other]) continue;
        seen[other] = 1;
        faces[other].winding = faces[f].winding - ((h & 1) === 0 ? weight[h >> 1] : -weight[h >> 1]);
        queue.push(other);
      }
    }
  }
  return faces;
}

/** Component of each cycle (union–find over the vertices its half-edges join). */
function components(g: NodedEdges, cycles: number[][], origin: (h: number) => number): Int32Array {
  const up = new Int32Array(g.xs.length).map((_, i) => i);
  const find = (v: number): number => {
    while (up[v] !== v) {
      up[v] = up[up[v]];
      v = up[v];
    }
    return v;
  };
  for (let e = 0; e < g.count; e++) {
    const ra = find(g.from[e]),
      rb = find(g.to[e]);
    if (ra !== rb) up[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return Int32Array.from(cycles, (c) => find(origin(c[0])));
}

/**
 * Winding number at vertex v of the edges of the other components (a ray towards +x), and the
 * face whose edge the ray meets first (-1: none, v lies outside everything else).
 */
function rayCast(
  g: NodedEdges,
  bands: YBands,
  compOfEdge: Int32Array,
  comp: number,
  v: number,
  faceOf: Int32Array,
): { winding: number; inside: number } {
  const { xs, ys, from, to, weight } = g;
  const px = xs[v],
    py = ys[v];
  let winding = 0,
    nearest = Infinity,
    inside = -1;
  bands.forEach(py, py, (e) => {
    if (compOfEdge[e] === comp) return;
    const ax = xs[from[e]],
      ay = ys[from[e]],
      bx = xs[to[e]],
      by = ys[to[e]];
    if (ay > py === by > py || (ax < px && bx < px)) return;
    const side = orient2d(ax, ay, bx, by, px, py); // > 0: p is right of a→b (robust-predicates' sign)
    const up = by > ay;
    if (up ? side >= 0 : side <= 0) return; // crossing left of p
    winding += up ? weight[e] : -weight[e];
    const x = ax + ((py - ay) * (bx - ax)) / (by - ay);
    if (x < nearest) {
      nearest = x;
      inside = faceOf[up ? 2 * e : 2 * e + 1];
    }
  });
  return { winding, inside };
}
