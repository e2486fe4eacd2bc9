import type { Position } from 'geojson';
import { traceFaces } from '../coverage/trace-faces.ts';
import type { GridGeometry } from '../types.ts';
import { ringsOf } from '../coverage/rings.ts';

/** A directed edge between two exact positions. */
export type Edge = [Position, Position];

const key = (a: Position, b: Position) => `${a[0]},${a[1]};${b[0]},${b[1]}`;

/** Every ring edge of some geometries, shells counter-clockwise and holes clockwise (interior on the left). */
export function directedEdges(geometries: GridGeometry[]): Edge[] {
  const edges: Edge[] = [];
  geometries.forEach((g) => {
    for (const { points } of ringsOf(g, 0)) {
      points.forEach((p, i) => {
        edges.push([p, points[(i + 1) % points.length]]);
      });
    }
  });
  return edges;
}

/** The edges without the pairs that cancel (a→b with b→a): the borders the geometries share. */
export function cancelShared(edges: Edge[]): Edge[] {
  const count = new Map<string, number>();
  for (const [a, b] of edges) count.set(key(a, b), (count.get(key(a, b)) ?? 0) + 1);
  return edges.filter(([a, b]) => !count.has(key(b, a)));
}

/**
 * The polygon(s) bounded by directed edges with the interior on their left: faces traced at
 * each vertex by the next way out clockwise (split at pinch points), holes given to their face.
 * Exact: every output vertex is one of the edges' positions, bit for bit.
 */
export function polygonOfEdges(edges: Edge[]): GridGeometry | null {
  const faces = traceFaces(edges.map(([a, b]) => [[a, b]]));
  if (faces.length === 0) return null;
  return faces.length === 1 ? { type: 'Polygon', coordinates: faces[0] } : { type: 'MultiPolygon', coordinates: faces };
}
