import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { GridSet, LonLat } from '../types.ts';

/**
 * Every kind of coverage problem, in the order validateCoverage sorts them (docs/coverage.md).
 * @example COVERAGE_KINDS.indexOf('overlap') < COVERAGE_KINDS.indexOf('gap') // true
 */
export const COVERAGE_KINDS = [
  'invalid-geometry',
  'duplicate-id',
  'duplicate-geometry',
  'hierarchy',
  'outside-parent',
  'uncovered-parent',
  'overlap',
  'gap',
  'edge-mismatch',
] as const;

/** What a coverage problem is; see docs/coverage.md for each. */
export type CoverageProblemKind = (typeof COVERAGE_KINDS)[number];

/** One defect of a grid set, located in WGS84 and measured in metres. */
export interface CoverageProblem {
  kind: CoverageProblemKind;
  /** Ids of the grids involved, sorted (empty for a gap no grid touches). */
  grids: string[];
  /** Where it is: the piece (Polygon), the mismatched edges (MultiLineString) or a Point. WGS84. */
  geometry: Geometry;
  /** Area in m² on the WGS84 ellipsoid, for kinds that have an area. */
  area_m2?: number;
  /** Twice the radius of the largest circle inside the piece, in metres. */
  width_m?: number;
  /** Present (true) when `width_m` is under `options.sliverWidth`. */
  sliver?: true;
  /** Why, in words: `self-intersection`, `parent 610902001 not found`, … */
  reason?: string;
  /** A representative point `[lon, lat]`: the defect's location, or a point inside the piece. */
  location?: LonLat;
}

/** Options of {@link validateCoverage}. */
export interface ValidateCoverageOptions {
  /** The area the grids must cover exactly (e.g. the town for its grids). WGS84. */
  parent?: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>;
  /** Parent units (towns) for the `hierarchy` check of each grid's `parent` id. */
  parents?: GridSet;
  /** Pieces narrower than this many metres are flagged `sliver: true`. */
  sliverWidth?: number;
  /**
   * Metres within which two boundaries count as the same line: vertices closer than this are an
   * `edge-mismatch`, not an overlap or gap. Never below 0.02 m (1e-7° is about 1 cm).
   */
  snapTolerance?: number;
  /**
   * Called as the check advances (at most every 1,000 grids or 100 clusters, and at each phase's
   * end), for a progress meter on large inputs.
   */
  onProgress?: (progress: CoverageProgress) => void;
}

/** Where a long {@link validateCoverage} run is: `done` of `total` units of `phase`. */
export interface CoverageProgress {
  /** `done` comes last, once. */
  phase: 'geometry' | 'hashing' | 'outer border' | 'resolve' | 'hierarchy' | 'done';
  done: number;
  total: number;
  /** What is counted: grids, edges or clusters. */
  unit: string;
}

/** Counts and timings of one {@link validateCoverage} run. */
export interface CoverageStats {
  grids: number;
  /** Directed ring edges of all grids (duplicate consecutive points dropped). */
  edges: number;
  /** Edges matched exactly by the reverse edge of one other grid (or the parent's border). */
  matchedEdges: number;
  /** Edges left for the exact, local resolution (after the outer border is set aside). */
  unmatchedEdges: number;
  /** Groups of unmatched edges resolved by polygon clipping. */
  clusters: number;
  /** Sum of the grid areas in m² (ellipsoidal). */
  totalArea_m2: number;
  /** Area covered by at least one grid in m²: total minus the pairwise overlaps (a place under three grids is subtracted three times; exact when no three grids overlap). */
  coveredArea_m2: number;
  /** Area of the parent in m², when one is given. */
  parentArea_m2?: number;
  /** Milliseconds per phase. */
  ms: { geometry: number; hashing: number; outer: number; resolve: number; hierarchy: number; total: number };
}

/** Result of {@link validateCoverage}. */
export interface CoverageResult {
  /** True when there is no problem of any kind. */
  valid: boolean;
  /** Sorted by kind, then by area (largest first). */
  problems: CoverageProblem[];
  /** Present when something was left out of the check: grids with an empty geometry. */
  warnings?: string[];
  stats: CoverageStats;
}

/** Who keeps an overlap in {@link repairCoverage}: as JTS `CoverageCleaner`'s merge strategies. */
export type RepairStrategy = 'longest-border' | 'largest-area' | 'smallest-area' | 'lowest-id';

/** Options of {@link repairCoverage}. */
export interface RepairCoverageOptions {
  /** Who keeps each overlap piece. Default `longest-border` (the grid bordering it longest). */
  strategy?: RepairStrategy;
  /** Gaps and inlets narrower than this many metres join a neighbour. Default 1. */
  gapWidth?: number;
  /** Metres (never below 0.02) within which vertices and borders are snapped together. */
  snapTolerance?: number;
  /** The area to cover exactly: grids are clipped to it and narrow inlets filled. */
  parent?: ValidateCoverageOptions['parent'];
  /** Validate–fix rounds at most (a fix can uncover another). Default 4. */
  maxRounds?: number;
  /** Progress of each validation inside the repair (see {@link ValidateCoverageOptions}). */
  onProgress?: ValidateCoverageOptions['onProgress'];
}

/** One fix made by {@link repairCoverage}. */
export interface RepairAction {
  /** The problem fixed: `overlap`, `duplicate-geometry`, `gap`, `uncovered-parent`, `outside-parent`. */
  kind: CoverageProblemKind;
  /** The grid that received the piece (absent when a piece outside the parent was cut off). */
  to?: string;
  /** The grids that lost it (empty for a gap). */
  from: string[];
  area_m2: number;
  location: LonLat;
}

/** The area account of one grid changed by {@link repairCoverage}, in m² (ellipsoidal). */
export interface GridAreaChange {
  id: string;
  before_m2: number;
  after_m2: number;
  /** Overlaps kept and gaps received. */
  gained_m2: number;
  /** Overlaps given away and parts outside the parent cut off. */
  lost_m2: number;
  /** Present (true) when nothing was left of the grid (the loser of a duplicate geometry). */
  removed?: true;
}

/** Result of {@link repairCoverage}. */
export interface RepairResult {
  /** The repaired grids, in input order, properties untouched; removed grids left out. */
  gridSet: GridSet;
  /** True when the repaired set validates clean. */
  valid: boolean;
  /** What validation still finds: wide gaps, invalid polygons, duplicate ids, … */
  problems: CoverageProblem[];
  actions: RepairAction[];
  /** Every grid whose area changed (snapping included), in input order. */
  changes: GridAreaChange[];
  stats: { rounds: number; ms: number };
}
