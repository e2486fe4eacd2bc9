import type { RiskSettings } from '../profile/risk-settings.ts';

/** What a grid did in one period: the raw counts a risk score is made of. */
export interface RiskInput {
  id: string;
  /** Ellipsoidal area of the grid, m². */
  area_m2: number;
  /** Reports in the grid created in the period. */
  reports: number;
  /** Cases of the grid that were overdue at some moment of the period. */
  overdue: number;
  /** Repeated cases of the grid in the period (docs/risk.md: same category again, duplicates joined, reopens). */
  repeated: number;
}

/** The three inputs, each normalised to 0–1 (min(1, per-30-days value / reference)). */
export interface RiskComponents {
  density: number;
  overdue: number;
  repeated: number;
}

/** A grid's risk score (0–100) in a period and the normalised inputs it was made from. */
export interface RiskScore {
  id: string;
  score: number;
  components: RiskComponents;
}

/** The days a risk reference is given for: inputs are scaled to 30 days so weeks and quarters compare with months. */
const REFERENCE_DAYS = 30;

/**
 * Risk scores of grids over a period of `days` days: each input scaled to 30 days
 * (density = reports per km²), divided by the profile's reference and capped at 1, then
 * score = 100 × Σ weight × component / Σ weight. Anyone can recompute a score from its
 * components and the weights.
 *
 * @example riskScores([{ id: 'g1', area_m2: 1e6, reports: 200, overdue: 10, repeated: 0 }], 30, DEFAULT_RISK)[0].score // 37.5
 */
export function riskScores(inputs: readonly RiskInput[], days: number, settings: Pick<RiskSettings, 'weights' | 'reference'>): RiskScore[] {
  const { weights: w, reference: ref } = settings;
  const total = w.density + w.overdue + w.repeated;
  const scale = REFERENCE_DAYS / days;
  const part = (value: number, reference: number) => Math.min(1, (value * scale) / reference);
  return inputs.map((g) => {
    const km2 = g.area_m2 / 1e6;
    const components = {
      density: km2 > 0 ? part(g.reports / km2, ref.density) : 0,
      overdue: part(g.overdue, ref.overdue),
      repeated: part(g.repeated, ref.repeated),
    };
    const sum = w.density * components.density + w.overdue * components.overdue + w.repeated * components.repeated;
    return { id: g.id, score: total > 0 ? (100 * sum) / total : 0, components };
  });
}
