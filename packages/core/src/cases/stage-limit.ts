import type { Limit, TimeLimit } from '../profile/profile-schema.ts';

/** What picks a case's time limit. */
export interface LimitKey {
  stage: string;
  category: string;
  /** The GB/T 47678.5 code a city category counts as; prefixes match it too. */
  standard?: string | null;
  urgency: string;
}

/**
 * The limit for a case in a stage: of the rules for that stage whose category (a code or
 * prefix of the case's category or standard code) and urgency hold, the most specific wins —
 * a rule naming the urgency beats one that does not (urgency is decided per case, the
 * category table is a city-wide default), then an exact code beats a prefix, then the longer
 * prefix; equal rules go by list order. Null when no rule applies: the stage has no clock.
 *
 * @example stageLimit(DEFAULT_TIME_LIMITS, { stage: 'dispatched', category: '06010', urgency: 'urgent' }) // { working_hours: 4 }
 */
export function stageLimit(limits: readonly TimeLimit[], key: LimitKey): Limit | null {
  const codes = key.standard && key.standard !== key.category ? [key.category, key.standard] : [key.category];
  let best: Limit | null = null;
  let bestScore = -1;
  for (const rule of limits) {
    if (rule.stage !== key.stage) continue;
    if (rule.urgency !== undefined && rule.urgency !== key.urgency) continue;
    let length = 0;
    if (rule.category !== undefined) {
      const match = codes.find((c) => c.startsWith(rule.category!));
      if (match === undefined) continue;
      length = match === rule.category ? 100 : rule.category.length;
    }
    const score = (rule.urgency !== undefined ? 1000 : 0) + length;
    if (score > bestScore) (best = rule.limit), (bestScore = score);
  }
  return best;
}
