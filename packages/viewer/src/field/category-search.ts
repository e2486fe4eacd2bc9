import { pinyin } from 'pinyin-pro';

/** A category as the picker needs it: from the city profile's catalogue. */
export interface PickCategory {
  code: string;
  name: string;
  en: string | null;
}

/** A category with what it is found by. */
export interface IndexedCategory extends PickCategory {
  /** Pinyin initials of the name, lower case: 暴露垃圾 → blj. */
  initials: string;
}

/**
 * Pinyin initials of a Chinese name (other characters kept as they are, lower-cased).
 * @example initialsOf('暴露垃圾') // 'bllj'
 */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/**
 * The catalogue with each name's initials, computed once when it loads.
 * @example indexCategories([{ code: '06010', name: '暴露垃圾', en: null }])[0].initials // 'bllj'
 */
export function indexCategories(categories: readonly PickCategory[]): IndexedCategory[] {
  return categories.map((c) => ({ ...c, initials: initialsOf(c.name) }));
}

/**
 * Categories matching a query, best first: recently used ones first (most recent first), then
 * by how they match (code or name starting with it, initials starting with it, containing it).
 * An empty query lists the recent ones, then the catalogue in its order.
 * @param recent codes, most recent first
 * @example searchCategories(index, 'blj', [])[0].name // '暴露垃圾'
 */
export function searchCategories(
  index: readonly IndexedCategory[],
  query: string,
  recent: readonly string[],
  limit = 30,
): IndexedCategory[] {
  const q = query.trim().toLowerCase();
  const recency = new Map(recent.map((code, i) => [code, i]));
  const scored: { c: IndexedCategory; score: number }[] = [];
  for (const c of index) {
    const score = matchScore(c, q);
    if (score === null) continue;
    const r = recency.get(c.code);
    scored.push({ c, score: r === undefined ? 1000 + score : r });
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((s) => s.c);
}

// Lower is better; null: no match.
function matchScore(c: IndexedCategory, q: string): number | null {
  if (!q) return 50;
  const name = c.name.toLowerCase();
  const en = (c.en ?? '').toLowerCase();
  if (c.code === q || name === q) return 0;
  if (c.code.startsWith(q) || name.startsWith(q)) return 1;
  if (c.initials.startsWith(q)) return 2;
  if (name.includes(q) || en.includes(q)) return 3;
  if (c.initials.includes(q)) return 4;
  return null;
}

/**
 * The recent codes after using one: it moves to the front, at most `keep` are kept.
 * @example useRecent(['a', 'b'], 'b') // ['b', 'a']
 */
export function useRecent(recent: readonly string[], code: string, keep = 8): string[] {
  return [code, ...recent.filter((c) => c !== code)].slice(0, keep);
}
