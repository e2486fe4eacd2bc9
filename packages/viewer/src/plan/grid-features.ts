/** GridSet ↔ GeoJSON for the planner: what is drawn, saved, downloaded and checked. */
import { parseGrids, type CoverageProblem, type GridGeometry, type GridSet } from '@citygrid/core';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Properties of a grid feature as saved and downloaded. */
export interface PlanGridProperties {
  id: string;
  name: string;
  level: number;
  parent: string | null;
  /** m² on the WGS84 ellipsoid, recomputed after every edit (0.1 m²). */
  area_m2: number;
  [key: string]: unknown;
}

/**
 * The grids as a FeatureCollection, in their order: every source property kept, `id`, `name`,
 * `level`, `parent` and `area_m2` set from the grid (an edited grid's old `area_m2` is stale).
 * This is the body of POST /api/grids (a draft version) and the downloaded file.
 */
export function gridsToCollection(gridSet: GridSet): FeatureCollection<GridGeometry, PlanGridProperties> {
  return {
    type: 'FeatureCollection',
    features: gridSet.grids.map((g) => ({
      type: 'Feature',
      properties: {
        ...g.properties,
        [gridSet.idField]: g.id,
        id: g.id,
        name: g.name,
        level: g.level,
        parent: g.parent,
        area_m2: Math.round(g.area_m2 * 10) / 10,
      },
      geometry: g.geometry,
    })),
  };
}

/**
 * Parses the server's grids (GET /api/grids) into a set to edit.
 * @throws Error listing the first problems when the server's grids do not parse
 */
export function collectionToGrids(collection: unknown): GridSet {
  const result = parseGrids(collection, { idField: 'id' });
  if (!result.ok)
    throw new Error(
      `grids do not parse: ${result.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  return result.gridSet;
}

/** Properties of a drawn problem. */
export interface ProblemProperties {
  /** Index in the problem list. */
  index: number;
  kind: string;
  sliver: boolean;
}

/** Problems with an areal or linear geometry as features for the red map layer. */
export function problemsToCollection(problems: readonly CoverageProblem[]): FeatureCollection<Geometry, ProblemProperties> {
  const features: Feature<Geometry, ProblemProperties>[] = problems.map((p, index) => ({
    type: 'Feature',
    properties: { index, kind: p.kind, sliver: !!p.sliver },
    geometry: p.geometry,
  }));
  return { type: 'FeatureCollection', features };
}

/** `[minLon, minLat, maxLon, maxLat]` of a problem's geometry, for zoom-to; null when empty. */
export function geometryBox(geometry: Geometry): [number, number, number, number] | null {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] !== 'number') {
      (c as unknown[]).forEach(visit);
      return;
    }

    const [x, y] = c as number[];
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  };
  const walk = (g: Geometry): void => (g.type === 'GeometryCollection' ? g.geometries.forEach(walk) : visit(g.coordinates));
  walk(geometry);
  return b[0] <= b[2] ? b : null;
}
