import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { GridSet, LonLat } from '../types.ts';

/** What a coverage problem is; see docs/coverage.md for each. */
export type CoverageProblemKind =
  | 'invalid-geometry'
  | 'duplicate-id'
  | 'duplicate-geometry'
  | 'overlap'
  | 'gap'
  | 'uncovered-parent'
  | 'outside-parent'
  | 'edge-mismatch'
  | 'hierarchy';

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
  /** Area covered by at least one grid in m²: total minus overlaps. */
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
  stats: CoverageStats;
}
