import intersect from '@turf/intersect';
import type { Feature, Polygon } from 'geojson';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { GridSet, LonLat } from '../types.ts';
import { cellOf, listAt, type CellTable } from './cell-table.ts';
import type { EdgeStripes } from './edge-stripes.ts';
import type { FlatParts } from './flat-parts.ts';
import { INSIDE, locateInPart, ON_BOUNDARY } from './locate-in-part.ts';

/** Two grids whose interiors overlap: the smaller id owns the overlap when routing. */
export interface Overlap {
  /** The two grid ids, sorted. */
  grids: [string, string];
  /** Area of the overlap in m² (ellipsoidal), summed over the parts involved. */
  area_m2: number;
  /** A point inside the overlap. */
  at: LonLat;
  /** The grid that routing gives the overlap to. */
  owner: string;
}

/**
 * Overlapping grid pairs, found by witnesses: a vertex of one part strictly inside a part of
 * another grid, or a mixed cell's centre strictly inside parts of two grids. Both come for
 * free from the cell table (only parts sharing a cell are compared). Two parts crossing like a
 * plus sign, with no vertex inside the other and the crossing smaller than a cell, are not
 * seen: the coverage check finds every overlap exactly.
 */
export function findOverlaps(gridSet: GridSet, flat: FlatParts, stripes: EdgeStripes, t: CellTable, rank: Int32Array): Overlap[] {
  const witnesses = new Map<string, { a: number; b: number; at: LonLat }>();
  const strictlyIn = (p: number, x: number, y: number) => (locateInPart(flat, stripes, p, x, y) & (INSIDE | ON_BOUNDARY)) === INSIDE;
  const witness = (a: number, b: number, x: number, y: number) => {
    const [p, q] = a < b ? [a, b] : [b, a];
    const key = `${p},${q}`;
    if (!witnesses.has(key)) witnesses.set(key, { a: p, b: q, at: [x, y] });
  };
  const candidates = (c: number): Int32Array => {
    const v = c < 0 ? 0 : t.cells[c];
    return v <= -2 ? t.lists.subarray(listAt(v) + 1, listAt(v) + 1 + t.lists[listAt(v)]) : new Int32Array(0);
  };
  const { coords, ringStart, partRing, partGrid, partCount } = flat;
  for (let p = 0; p < partCount; p++) {
    for (let v = ringStart[partRing[p]]; v < ringStart[partRing[p + 1]]; v++) {
      const x = coords[2 * v],
        y = coords[2 * v + 1];
      for (const q of candidates(cellOf(t, x, y))) {
        if (partGrid[q] !== partGrid[p] && strictlyIn(q, x, y)) witness(p, q, x, y);
      }
    }
  }
  for (let c = 0; c < t.nx * t.ny; c++) {
    const list = candidates(c);
    if (list.length < 2) continue;
    const x = t.minX + ((c % t.nx) + 0.5) / t.scaleX;
    const y = t.minY + (Math.floor(c / t.nx) + 0.5) / t.scaleY;
    const claims = [...list].filter((q) => strictlyIn(q, x, y));
    for (let i = 1; i < claims.length; i++) if (partGrid[claims[i]] !== partGrid[claims[0]]) witness(claims[0], claims[i], x, y);
  }
  return summarise(gridSet, flat, [...witnesses.values()], rank);
}

function summarise(gridSet: GridSet, flat: FlatParts, pairs: Array<{ a: number; b: number; at: LonLat }>, rank: Int32Array): Overlap[] {
  const byGrids = new Map<string, Overlap>();
  for (const { a, b, at } of pairs) {
    const ga = flat.partGrid[a],
      gb = flat.partGrid[b];
    const [first, second] = rank[ga] < rank[gb] ? [ga, gb] : [gb, ga];
    const ids: [string, string] = [gridSet.grids[first].id, gridSet.grids[second].id];
    const key = ids.join('\u0000');
    const shared = intersect({ type: 'FeatureCollection', features: [partFeature(flat, a), partFeature(flat, b)] });
    const area = shared ? ellipsoidalArea(shared.geometry) : 0;
    const o = byGrids.get(key);
    if (o) o.area_m2 += area;
    else byGrids.set(key, { grids: ids, area_m2: area, at, owner: ids[0] });
  }
  return [...byGrids.values()].sort((p, q) =>
    p.grids[0] < q.grids[0] ? -1 : p.grids[0] > q.grids[0] ? 1 : p.grids[1] < q.grids[1] ? -1 : 1,
  );
}

function partFeature(flat: FlatParts, p: number): Feature<Polygon> {
  const rings: number[][][] = [];
  for (let r = flat.partRing[p]; r < flat.partRing[p + 1]; r++) {
    const ring: number[][] = [];
    for (let v = flat.ringStart[r]; v < flat.ringStart[r + 1]; v++) ring.push([flat.coords[2 * v], flat.coords[2 * v + 1]]);
    rings.push(ring);
  }
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } };
}
