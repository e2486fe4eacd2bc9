import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { centroid } from '@citygrid/core';
import { bboxOf, flatRings, inFlatRings, M_PER_DEG } from './geometry.ts';
import { gaussian, type Rng } from './prng.ts';

/** One grid, prepared for sampling points in it. */
export interface GridShape {
  id: string;
  /** 9-digit town code (the grid's parent), or '' if none. */
  town: string;
  /** A street office (街道, town part 001–099) rather than a rural town. */
  urban: boolean;
  rings: Float64Array[];
  bbox: [number, number, number, number];
  centroid: [number, number];
}

export function gridShapes(grids: FeatureCollection): GridShape[] {
  return grids.features.map((f, i) => {
    const g = f.geometry as Polygon | MultiPolygon;
    const town = String(f.properties?.parent ?? '');
    const townPart = Number(town.slice(6, 9));
    return {
      id: String(f.properties?.id ?? i),
      town,
      urban: town.length === 9 && townPart >= 1 && townPart <= 99,
      rings: flatRings(g),
      bbox: bboxOf(g),
      centroid: centroid(g),
    };
  });
}

/**
 * Which grid (if any) holds a point: a uniform bucket grid over the grids' boxes, then the
 * exact even-odd test. Built once per generation; 64×64 buckets keep candidates to ~2.
 */
export class GridLookup {
  private cells: number[][];
  private minX: number;
  private minY: number;
  private dx: number;
  private dy: number;
  private static N = 64;

  constructor(private shapes: GridShape[]) {
    const n = GridLookup.N;
    this.minX = Math.min(...shapes.map((s) => s.bbox[0]));
    this.minY = Math.min(...shapes.map((s) => s.bbox[1]));
    this.dx = (Math.max(...shapes.map((s) => s.bbox[2])) - this.minX) / n || 1;
    this.dy = (Math.max(...shapes.map((s) => s.bbox[3])) - this.minY) / n || 1;
    this.cells = Array.from({ length: n * n }, () => []);
    shapes.forEach((s, i) => {
      const [x0, y0, x1, y1] = [this.col(s.bbox[0]), this.row(s.bbox[1]), this.col(s.bbox[2]), this.row(s.bbox[3])];
      for (let r = y0; r <= y1; r++) for (let c = x0; c <= x1; c++) this.cells[r * n + c].push(i);
    });
  }

  private col(x: number): number {
    return Math.min(GridLookup.N - 1, Math.max(0, Math.floor((x - this.minX) / this.dx)));
  }

  private row(y: number): number {
    return Math.min(GridLookup.N - 1, Math.max(0, Math.floor((y - this.minY) / this.dy)));
  }

  /** Index of a grid containing the point, or -1. */
  find(x: number, y: number): number {
    if (x < this.minX || y < this.minY || x > this.minX + this.dx * GridLookup.N || y > this.minY + this.dy * GridLookup.N) return -1;
    for (const i of this.cells[this.row(y) * GridLookup.N + this.col(x)]) if (inFlatRings(x, y, this.shapes[i].rings)) return i;
    return -1;
  }
}

/** A uniform point inside a grid (rejection sampling in its box). */
export function pointInGrid(s: GridShape, rng: Rng): [number, number] {
  const [x0, y0, x1, y1] = s.bbox;
  for (let tries = 0; tries < 1000; tries++) {
    const x = x0 + rng() * (x1 - x0);
    const y = y0 + rng() * (y1 - y0);
    if (inFlatRings(x, y, s.rings)) return [x, y];
  }
  return s.centroid;
}

/** Degrees per metre east and north at a latitude. */
export function degPerMetre(lat: number): [number, number] {
  return [1 / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), 1 / M_PER_DEG];
}

/** A point scattered around `centre` with a normal spread of `sigma` metres on each axis. */
export function scatter(centre: [number, number], sigma: number, rng: Rng): [number, number] {
  const [kx, ky] = degPerMetre(centre[1]);
  return [centre[0] + gaussian(rng) * sigma * kx, centre[1] + gaussian(rng) * sigma * ky];
}

/** A polyline with cumulative segment lengths (in degrees, good enough to pick by length). */
export interface Polyline {
  points: Array<[number, number]>;
  cumulative: Float64Array;
}

export function polyline(points: Array<[number, number]>): Polyline {
  const cumulative = new Float64Array(Math.max(1, points.length - 1));
  let s = 0;
  for (let i = 0; i + 1 < points.length; i++)
    cumulative[i] = s += Math.hypot(points[i + 1][0] - points[i][0], points[i + 1][1] - points[i][1]);
  return { points, cumulative };
}

/** A point along a polyline (uniform by length), pushed sideways by `sigma` metres (normal). */
export function alongPolyline(line: Polyline, sigma: number, rng: Rng): [number, number] {
  const { points, cumulative } = line;
  const target = rng() * cumulative[cumulative.length - 1];
  let i = 0;
  while (i < cumulative.length - 1 && cumulative[i] < target) i++;
  const [a, b] = [points[i], points[i + 1] ?? points[i]];
  const t = rng();
  const [kx, ky] = degPerMetre(a[1]);
  const len = Math.hypot((b[0] - a[0]) / kx, (b[1] - a[1]) / ky) || 1;
  const side = gaussian(rng) * sigma;
  // Unit normal in metres, turned back into degrees.
  const nx = -((b[1] - a[1]) / ky) / len,
    ny = (b[0] - a[0]) / kx / len;
  return [a[0] + t * (b[0] - a[0]) + side * nx * kx, a[1] + t * (b[1] - a[1]) + side * ny * ky];
}

/**
 * Outline edges to put "just outside" reports along, each `[ax, ay, bx, by]` with the area on
 * its left: the district's outer ring(s) if given, else every grid edge with no reversed twin
 * (the outline of the grids' union).
 */
export function outlineEdges(grids: FeatureCollection, district: Feature | null | undefined): number[][] {
  const g = district?.geometry as Polygon | MultiPolygon | undefined;
  if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
    const outers = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
    return outers.flatMap((ring) => {
      let twice = 0;
      for (let i = 0; i + 1 < ring.length; i++) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      const ccw = twice > 0;
      return ring.slice(1).map((b, i) => (ccw ? [ring[i][0], ring[i][1], b[0], b[1]] : [b[0], b[1], ring[i][0], ring[i][1]]));
    });
  }
  const { unshared } = gridEdges(grids);
  return unshared;
}

/** Grid edges: shared ones (once each) and unshared ones (directed, area on the left). */
export function gridEdges(grids: FeatureCollection): { shared: number[][]; unshared: number[][] } {
  const directed = new Map<string, number[]>();
  for (const f of grids.features) {
    const g = f.geometry as Polygon | MultiPolygon;
    for (const ring of g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]];
        directed.set(`${a[0]},${a[1]}>${b[0]},${b[1]}`, [a[0], a[1], b[0], b[1]]);
      }
    }
  }
  const shared: number[][] = [];
  const unshared: number[][] = [];
  for (const [key, e] of directed) {
    const [from, to] = key.split('>');
    if (!directed.has(`${to}>${from}`)) unshared.push(e);
    else if (from < to) shared.push(e);
  }
  return { shared, unshared };
}
