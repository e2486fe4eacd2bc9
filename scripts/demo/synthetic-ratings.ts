import type { SyntheticCase } from './synthetic-cases.ts';
import { mulberry32 } from './prng.ts';

/** A reporter's rating of a closed case, as RatingService.importRatings takes it. */
export interface SyntheticRating {
  case_id: string;
  report_id: string;
  rating: number;
  comment: string | null;
  channel: 'import';
  rated_at: string;
}

const DAY = 86_400_000;

/**
 * Follow-up calls (回访) on closed cases: about 40 % of closed cases with a report are rated
 * by their first reporter, one to three days after closing. Most are satisfied (4–5); a
 * case that failed verification, was transferred or waited long is rated lower, so
 * satisfaction (满意度) differs between grids and departments instead of being 100 %.
 *
 * @example generateRatings(cases, 1).length // ≈ 40 % of the closed cases
 */
export function generateRatings(cases: readonly SyntheticCase[], seed = 1): SyntheticRating[] {
  const rng = mulberry32(seed);
  const out: SyntheticRating[] = [];
  for (const c of cases) {
    const close = c.events.find((e) => e.action === 'close');
    const report = c.opening.reports?.[0];
    if (!close || !report || rng() >= 0.4) continue;
    const troubles =
      c.events.filter((e) => e.action === 'fail-verification' || e.action === 'transfer' || e.action === 'return').length +
      (close.at - c.opening.at > 7 * DAY ? 1 : 0);
    const mood = 4.6 - 1.2 * troubles + (rng() - 0.5) * 2.2;
    const rating = Math.max(1, Math.min(5, Math.round(mood)));
    out.push({
      case_id: c.opening.id,
      report_id: report,
      rating,
      comment: rating <= 2 ? '处理太慢' : null,
      channel: 'import',
      rated_at: new Date(close.at + DAY * (1 + rng() * 2)).toISOString(),
    });
  }
  return out;
}
