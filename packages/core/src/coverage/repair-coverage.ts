import type { MultiPolygon, Polygon, Position } from 'geojson';
import bboxOf from '@turf/bbox';
import * as polyclip from 'polyclip-ts';
import RBush from 'rbush';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { BBox, Grid, GridGeometry, GridSet, LonLat } from '../types.ts';
import { withGeometry } from '../grids/with-geometry.ts';
import { sharedBorders } from './longest-border.ts';
import { cleanParts, snapVertices } from './snap-vertices.ts';
import type { CoverageProblem, RepairAction, RepairCoverageOptions, RepairResult, RepairStrategy } from './types.ts';
import { validateCoverage } from './validate-coverage.ts';
import { CitygridError } from '../errors.ts';

const DEFAULTS = {
  strategy: 'longest-border' as RepairStrategy,
  gapWidth: 1, // m: as the validator's default sliverWidth — what nobody can patrol is a drawing error
  snapTolerance: 0,
  maxRounds: 4,
};

// The validator's floor: below 2 cm two borders are one line drawn twice.
const MIN_TOLERANCE_M = 0.02;
// Repair snaps within twice the validator's tolerance: what the validator calls a mismatch
// (narrower than the tolerance) must not survive because it sits at exactly the tolerance.
const SNAP_FACTOR = 2;

/** The strategies for giving an overlap to one grid (as JTS CoverageCleaner's). */
export const REPAIR_STRATEGIES: readonly RepairStrategy[] = ['longest-border', 'largest-area', 'smallest-area', 'lowest-id'];

/**
 * Repairs a coverage so it validates clean: each overlap piece goes to one grid (by `strategy`)
 * and is cut from the others; gaps and inlets narrower than `gapWidth` metres join the
 * neighbour with the longest shared border; parts outside the parent are cut off; vertices
 * within twice `snapTolerance` (at least 2 cm) of another grid's vertex or edge are snapped so shared
 * borders list the same vertices. Wider gaps are left and reported, never absorbed silently.
 * Then it validates again (a few rounds when one fix uncovers another). Invalid polygons
 * (bowties, a hole outside its shell, …) are left exactly as drawn, by every fix: their
 * overlaps stay in `problems` with them, and no gap is merged into them. Duplicate ids are not
 * repaired either.
 *
 * @param gridSet the grids to repair (not modified)
 * @param [options.strategy='longest-border'] who keeps an overlap: the grid bordering it longest, the largest or smallest grid, or the lowest id
 * @param [options.gapWidth=1] metres: narrower gaps and inlets are merged into a neighbour
 * @param [options.snapTolerance=0] metres (never below 0.02): vertices this close are made one
 * @param [options.parent] the area the grids must cover: grids are clipped to it, inlets filled
 * @returns the repaired grid set, what was done (`actions`), each changed grid's m² (`changes`), and the problems left
 * @example
 * const fixed = repairCoverage(gridSet, { strategy: 'longest-border', gapWidth: 5 });
 * for (const c of fixed.changes) console.log(c.id, `+${c.gained_m2} −${c.lost_m2} m²`);
 * fixed.valid; // true unless wide gaps or invalid polygons remain (listed in fixed.problems)
 */
export function repairCoverage(gridSet: GridSet, options: RepairCoverageOptions = {}): RepairResult {
  const t0 = performance.now();
  const opts = { ...DEFAULTS, ...options };
  if (!REPAIR_STRATEGIES.includes(opts.strategy))
    throw CitygridError.of('CG_ERR_OPTION', {}, `strategy: expected one of ${REPAIR_STRATEGIES.join(', ')}, got ${String(opts.strategy)}`);
  if (!(opts.gapWidth >= 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `gapWidth: expected metres ≥ 0, got ${opts.gapWidth}`);
  if (!(opts.snapTolerance >= 0))
    throw CitygridError.of('CG_ERR_OPTION', {}, `snapTolerance: expected metres ≥ 0, got ${opts.snapTolerance}`);
  const tolM = SNAP_FACTOR * Math.max(MIN_TOLERANCE_M, opts.snapTolerance);
  const validateOptions = {
    parent: opts.parent,
    sliverWidth: opts.gapWidth,
    snapTolerance: opts.snapTolerance,
    onProgress: opts.onProgress,
  };
  const parent = opts.parent && (opts.parent.type === 'Feature' ? opts.parent.geometry : opts.parent);

  const gained = new Map<string, number>(),
    lost = new Map<string, number>();
  const actions: RepairAction[] = [];
  let slots: Array<Grid | null> = gridSet.grids; // by input index: null once removed
  let grids = gridSet.grids;
  let result = validateCoverage(gridSet, validateOptions);
  // Polygons invalid as drawn are left alone, by every fix: cutting an overlap from one can
  // clip its defect away (a hole outside its shell dropped by the difference), and snapping
  // could hide what the planner must fix. Their overlaps stay reported.
  const invalid = new Set(result.problems.filter((p) => p.kind === 'invalid-geometry').flatMap((p) => p.grids));
  let rounds = 0;
  while (rounds < opts.maxRounds) {
    const work = new Work(slots, tolM);
    const piecesOfPair = new Map<string, number>();
    for (const p of result.problems)
      if (p.kind === 'overlap') piecesOfPair.set(p.grids.join('\u0000'), (piecesOfPair.get(p.grids.join('\u0000')) ?? 0) + 1);
    for (const p of result.problems) {
      const action = fix(work, p, opts.strategy, opts.gapWidth, parent, piecesOfPair.get(p.grids.join('\u0000')) !== 1, invalid);
      if (!action) continue;
      actions.push(action);
      if (action.to) gained.set(action.to, (gained.get(action.to) ?? 0) + action.area_m2);
      for (const id of action.from) lost.set(id, (lost.get(id) ?? 0) + action.area_m2);
    }
    const snapped = work.snap(result.problems, tolM, invalid, parent);
    if (work.changed.size === 0 && !snapped) break;
    rounds++;
    slots = work.slots();
    grids = slots.filter((g): g is Grid => g !== null);
    result = validateCoverage(withGrids(gridSet, grids), validateOptions);
    if (result.valid) break;
  }

  const changes = gridSet.grids
    .map((g, i) => ({ g, now: slots[i] }))
    .filter(({ g, now }) => now?.area_m2 !== g.area_m2)
    .map(({ g, now }) => ({
      id: g.id,
      before_m2: round(g.area_m2),
      after_m2: round(now?.area_m2 ?? 0),
      gained_m2: round(gained.get(g.id) ?? 0),
      lost_m2: round(lost.get(g.id) ?? 0),
      ...(now ? {} : { removed: true as const }),
    }));
  return {
    gridSet: withGrids(gridSet, grids),
    valid: result.valid,
    problems: result.problems,
    actions,
    changes,
    stats: { rounds, ms: Math.round(performance.now() - t0) },
  };
}

/** The grids being repaired: geometries replaced as fixes are applied, the rest untouched. */
class Work {
  readonly changed = new Map<number, GridGeometry | null>();
  private readonly index = new RBush<{ minX: number; minY: number; maxX: number; maxY: number; i: number }>();
  readonly byId: Map<string, number>;

  /** @param slots the grids by input index, null where one was removed in an earlier round */
  constructor(
    private readonly slots_: Array<Grid | null>,
    private readonly tolM: number,
  ) {
    this.source = slots_.map((g, i) => g ?? { ...emptyGrid, id: `\u0000removed ${i}` });
    this.byId = new Map(slots_.flatMap((g, i) => (g ? [[g.id, i] as const] : [])));
    this.index.load(slots_.flatMap((g, i) => (g ? [{ minX: g.bbox[0], minY: g.bbox[1], maxX: g.bbox[2], maxY: g.bbox[3], i }] : [])));
  }

  readonly source: Grid[];

  geometry(i: number): GridGeometry | null {
    if (this.changed.has(i)) return this.changed.get(i)!;
    return this.slots_[i] ? this.source[i].geometry : null;
  }

  set(i: number, coords: Position[][][]): void {
    this.changed.set(i, asGeometry(cleanParts(coords, this.tolM)));
  }

  near(box: BBox): number[] {
    return this.index
      .search({ minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] })
      .map((o) => o.i)
      .sort((a, b) => a - b);
  }

  /**
   * Snaps the grids near any problem, and near any changed grid, together, except those in
   * `invalid`. Returns whether a geometry changed.
   */
  snap(problems: CoverageProblem[], tolM: number, invalid: Set<string>, parent?: Polygon | MultiPolygon): boolean {
    const margin = tolM / 50_000;
    const boxes = [...problems.map((p) => bboxOf(p.geometry) as BBox), ...[...this.changed.keys()].map((i) => this.source[i].bbox)];
    const set = new Set<number>();
    for (const b of boxes)
      for (const i of this.near([b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin]))
        if (this.geometry(i) && !invalid.has(this.source[i].id)) set.add(i);
    const ids = [...set].sort((a, b) => a - b);
    if (ids.length === 0) return false;
    const fixed = parent ? (parent.type === 'Polygon' ? [parent.coordinates] : parent.coordinates).flat(2) : [];
    let snapped = snapVertices(
      ids.map((i) => this.geometry(i)!),
      tolM,
      fixed,
    );
    // Rings of one grid that now share an edge become one boundary (OGC forbids parts or
    // holes touching along a line). Clipping drops collinear vertices, so the dissolved grids
    // are snapped once more to get back the vertices their neighbours share.
    const dissolved = snapped.map((g) => (g && ringsShareEdge(g) ? dissolve(g, tolM) : g));
    if (dissolved.some((g, k) => g !== snapped[k]))
      snapped = snapVertices(
        dissolved.map((g, k) => g ?? this.geometry(ids[k])!),
        tolM,
        fixed,
      );
    let any = false;
    ids.forEach((i, k) => {
      // A grid that snapping would collapse (narrower than the tolerance) keeps its shape.
      const g = snapped[k];
      if (!g || JSON.stringify(g) === JSON.stringify(this.geometry(i))) return;
      this.changed.set(i, g);
      any = true;
    });
    return any;
  }

  /** The grids by input index after the fixes; null for one that lost everything (a duplicate). */
  slots(): Array<Grid | null> {
    return this.slots_.map((g, i) => {
      const geometry = this.geometry(i);
      if (!g || !geometry) return null;
      return this.changed.has(i) ? withGeometry(g, geometry) : g;
    });
  }
}

/** Applies the fix for one problem, if it has one; returns what was done. */
function fix(
  work: Work,
  p: CoverageProblem,
  strategy: RepairStrategy,
  gapWidth: number,
  parent: Polygon | MultiPolygon | undefined,
  pairHasMorePieces: boolean,
  invalid: ReadonlySet<string>,
): RepairAction | null {
  const piece = p.geometry.type === 'Polygon' ? p.geometry.coordinates : null;
  const location = p.location ?? (piece ? (piece[0][0] as LonLat) : undefined);
  if ((p.kind === 'overlap' || p.kind === 'duplicate-geometry') && p.grids.length === 2) {
    if (p.grids.some((id) => invalid.has(id))) return null;
    const [a, b] = p.grids.map((id) => work.byId.get(id)!);
    const ga = work.geometry(a),
      gb = work.geometry(b);
    if (!ga || !gb) return null;
    const region = piece ?? (ga.type === 'Polygon' ? ga.coordinates : ga.coordinates[0]);
    let winner = pickOwner(strategy, region, [a, b], [ga, gb], work.source);
    // With one piece per pair, cutting the winner's own polygon from the loser is exact: the new
    // border is the winner's, vertex for vertex. Subtracting a computed piece instead leaves
    // rounding slivers along it; that is only done when the pair has several pieces.
    const only = pairHasMorePieces ? region : null;
    let cut = cutOverlap(work, only, winner, winner === a ? b : a);
    // A grid lying wholly inside another is an enclave whose hole was not drawn, not a grid to
    // delete: it keeps its area and the other gets the hole. Only an exact duplicate goes.
    if (cut?.rest.length === 0 && p.kind === 'overlap') {
      winner = winner === a ? b : a;
      cut = cutOverlap(work, only, winner, winner === a ? b : a);
    }
    if (!cut) return null;
    const loser = winner === a ? b : a;
    work.set(loser, cut.rest);
    return {
      kind: p.kind,
      to: work.source[winner].id,
      from: [work.source[loser].id],
      area_m2: round(sumArea(cut.taken)),
      location: location!,
    };
  }
  if ((p.kind === 'gap' || p.kind === 'uncovered-parent') && piece && (p.width_m ?? Infinity) < gapWidth) {
    const box = bboxOf(p.geometry) as BBox;
    const near = work.near(box).filter((i) => work.geometry(i) && !invalid.has(work.source[i].id));
    const borders = sharedBorders(
      piece,
      near.map((i) => work.geometry(i)!),
    );
    let best = -1;
    borders.forEach((len, k) => {
      if (len > 0 && (best < 0 || len > borders[best] || (len === borders[best] && lowerId(work.source[near[k]], work.source[near[best]]))))
        best = k;
    });
    if (best < 0) return null; // touches no grid along a line: nothing to merge it into
    const to = near[best];
    const merged = clip(() => polyclip.union(coordsOf(work.geometry(to)!), piece as polyclip.Geom));
    if (!merged) return null;
    work.set(to, merged);
    return { kind: p.kind, to: work.source[to].id, from: [], area_m2: round(sumArea([piece])), location: location! };
  }
  if (p.kind === 'outside-parent' && parent && piece && !invalid.has(p.grids[0])) {
    const i = work.byId.get(p.grids[0])!;
    const g = work.geometry(i);
    if (!g) return null;
    // Intersecting with the parent keeps its border exact, where subtracting the computed piece
    // would leave rounding slivers.
    const rest = clip(() => polyclip.intersection(coordsOf(g), coordsOf(parent)));
    if (!rest) return null;
    work.set(i, rest);
    return { kind: p.kind, from: [p.grids[0]], area_m2: round(sumArea([piece])), location: location! };
  }
  return null;
}

/**
 * What the loser keeps once the winner has the piece. Only what the winner still holds is
 * taken: an earlier fix may have given part of the piece away, and no fix may leave area to
 * nobody. Null when there is nothing to take or clipping failed.
 */
function cutOverlap(
  work: Work,
  region: Position[][] | null,
  winner: number,
  loser: number,
): { taken: Position[][][]; rest: Position[][][] } | null {
  const w = coordsOf(work.geometry(winner)!),
    l = coordsOf(work.geometry(loser)!);
  const held = region ? clip(() => polyclip.intersection(region as polyclip.Geom, w)) : null;
  if (region && !held?.length) return null;
  const taken = clip(() => polyclip.intersection(l, (held ?? w) as polyclip.Geom));
  if (!taken?.length) return null;
  const rest = clip(() => polyclip.difference(l, (held ?? w) as polyclip.Geom));
  return rest ? { taken, rest } : null;
}

/** Index (of `indexes`) of the grid that keeps an overlap under the strategy. */
function pickOwner(strategy: RepairStrategy, piece: Position[][], indexes: number[], geometries: GridGeometry[], grids: Grid[]): number {
  const score = (k: number): number => {
    const g = grids[indexes[k]];
    if (strategy === 'largest-area') return g.area_m2;
    if (strategy === 'smallest-area') return -g.area_m2;
    return 0;
  };
  const borders = strategy === 'longest-border' ? sharedBorders(piece, geometries) : null;
  let best = 0;
  for (let k = 1; k < indexes.length; k++) {
    const d = borders ? borders[k] - borders[best] : score(k) - score(best);
    // Ties, and the lowest-id strategy, go to the lowest id.
    if (d > 0 || (d === 0 && lowerId(grids[indexes[k]], grids[indexes[best]]))) best = k;
  }
  return indexes[best];
}

/** Numeric-aware, so grid codes and G2 < G10 compare as a planner reads them. */
function lowerId(a: Grid, b: Grid): boolean {
  return a.id.localeCompare(b.id, 'en', { numeric: true }) < 0;
}

const emptyGrid: Grid = {
  id: '',
  name: '',
  level: 0,
  parent: null,
  properties: {},
  geometry: { type: 'Polygon', coordinates: [] },
  bbox: [0, 0, 0, 0],
  area_m2: 0,
};

/**
 * Whether two rings of a geometry share an edge exactly, either way round: parts touching
 * along a line, or a hole lying against its shell (a notch drawn as a hole), both OGC-invalid.
 */
function ringsShareEdge(g: GridGeometry): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const seen = new Map<string, number>();
  let ringId = 0;
  for (const rings of polygons) {
    for (const ring of rings) {
      ringId++;
      for (let k = 0; k + 1 < ring.length; k++) {
        const [p, q] =
          ring[k][0] < ring[k + 1][0] || (ring[k][0] === ring[k + 1][0] && ring[k][1] < ring[k + 1][1])
            ? [ring[k], ring[k + 1]]
            : [ring[k + 1], ring[k]];
        const key = `${p[0]},${p[1]},${q[0]},${q[1]}`;
        const other = seen.get(key);
        if (other !== undefined && other !== ringId) return true;
        seen.set(key, ringId);
      }
    }
  }
  return false;
}

/** The geometry unioned with itself: rings sharing edges become one boundary. */
function dissolve(g: GridGeometry, tolM: number): GridGeometry | null {
  const merged = clip(() =>
    g.type === 'Polygon'
      ? polyclip.union(g.coordinates as polyclip.Geom)
      : polyclip.union(...(g.coordinates as polyclip.Geom[] as [polyclip.Geom])),
  );
  return merged ? asGeometry(cleanParts(merged, tolM)) : g;
}

function asGeometry(coords: Position[][][]): GridGeometry | null {
  return coords.length === 0
    ? null
    : coords.length === 1
      ? { type: 'Polygon', coordinates: coords[0] }
      : { type: 'MultiPolygon', coordinates: coords };
}

function withGrids(gridSet: GridSet, grids: Grid[]): GridSet {
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: gridSet.idField };
}

function coordsOf(g: GridGeometry): polyclip.Geom {
  return g.coordinates as polyclip.Geom;
}

/** Runs a clipping, or null where polyclip-ts throws (some degenerate inputs): that fix is skipped. */
function clip(run: () => polyclip.Geom): Position[][][] | null {
  try {
    return run() as Position[][][];
  } catch {
    return null;
  }
}

function sumArea(pieces: Position[][][]): number {
  return pieces.reduce((s, rings) => s + ellipsoidalArea({ type: 'Polygon', coordinates: rings }), 0);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
