/**
 * Ranks scores, best first: equal scores share a rank and the next rank skips (1, 1, 3 —
 * standard competition ranking, as league tables do). A unit with no score (n/a) is not
 * ranked: its rank is null, and tables list it last.
 *
 * @example rankScores([80, null, 90, 80]) // [2, null, 1, 2]
 */
export function rankScores(scores: readonly (number | null)[]): (number | null)[] {
  const ranked = scores.filter((s): s is number => s !== null).sort((a, b) => b - a);
  const first = new Map<number, number>();
  ranked.forEach((s, i) => {
    if (!first.has(s)) first.set(s, i + 1);
  });
  return scores.map((s) => (s === null ? null : first.get(s)!));
}
