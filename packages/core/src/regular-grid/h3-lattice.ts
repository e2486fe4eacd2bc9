import type { Position } from 'geojson';
import { cellToVertexes, getHexagonAreaAvg, getHexagonEdgeLengthAvg, gridDisk, latLngToCell, polygonToCells, vertexToLatLng } from 'h3-js';
import type { EqualAreaPlane } from '../geom/equal-area-plane.ts';
import type { Lattice, LatticeCell, Points } from './lattice.ts';

/**
 * H3 cells of one resolution as a lattice. Corners are H3 vertexes (cellToVertexes): a vertex
 * shared by three cells has one index, so its lon/lat is read once and every cell writes the
 * same bits. Edges are straight between corners in the plane; H3's extra distortion vertices
 * on icosahedron-face crossings (class III resolutions) are left out, so neighbours still agree.
 *
 * @param polygons the area's polygons in `[lon, lat]` degrees: the candidates are the cells
 *   whose centres H3 finds inside them
 */
export function h3Lattice(plane: EqualAreaPlane, points: Points, res: number, polygons: Position[][][]): Lattice {
  const cornerIds = new Map<string, number>();
  const cells = new Map<string, LatticeCell>();
  const neighbours = new Map<string, string[]>();
  const corner = (vertex: string): number => {
    let id = cornerIds.get(vertex);
    if (id === undefined) {
      const [lat, lon] = vertexToLatLng(vertex);
      const [x, y] = plane.toXY(lon, lat);
      id = points.add(x, y, lon, lat);
      cornerIds.set(vertex, id);
    }
    return id;
  };
  const lattice: Lattice = {
    plane,
    points,
    cell(key) {
      let c = cells.get(key);
      if (!c) {
        const corners = cellToVertexes(key).map(corner);
        if (points.ringArea(corners) < 0) corners.reverse();
        c = { key, corners };
        cells.set(key, c);
      }
      return c;
    },
    neighbour(cell, k) {
      let across = neighbours.get(cell.key);
      if (!across) {
        across = acrossEdges(lattice, cell);
        neighbours.set(cell.key, across);
      }

      return across[k];
    },
    locate(x, y) {
      const [lon, lat] = plane.toLonLat(x, y);
      return latLngToCell(lat, lon, res);
    },
    *candidates() {
      for (const rings of polygons)
        yield* polygonToCells(
          rings.map((r) => r.map((p) => [p[0], p[1]])),
          res,
          true,
        );
    },
  };
  return lattice;
}

/** The H3 resolution whose average hexagon edge is nearest `size` metres (by ratio). */
export function h3Resolution(size: number): number {
  let best = 0;
  for (let res = 1; res <= 15; res++) {
    if (Math.abs(Math.log(getHexagonEdgeLengthAvg(res, 'm') / size)) < Math.abs(Math.log(getHexagonEdgeLengthAvg(best, 'm') / size)))
      best = res;
  }
  return best;
}

/** About how many H3 cells of a resolution cover `area` m². */
export function h3Count(res: number, area: number): number {
  return area / getHexagonAreaAvg(res, 'm2');
}

/** For each edge k of a cell, the neighbour that has the same edge reversed. */
function acrossEdges(lattice: Lattice, cell: LatticeCell): string[] {
  const ring = gridDisk(cell.key, 1)
    .filter((k) => k !== cell.key)
    .map((k) => lattice.cell(k));
  const n = cell.corners.length;
  return cell.corners.map((u, k) => {
    const v = cell.corners[(k + 1) % n];
    const other = ring.find((c) => c.corners.some((w, i) => w === v && c.corners[(i + 1) % c.corners.length] === u));
    if (!other) throw new Error(`h3Lattice: no neighbour across edge ${k} of ${cell.key}`);
    return other.key;
  });
}
