/**
 * The desk's queue: which cases a tab shows and in what order. Overdue first (the most overdue
 * on top), then by due time (soonest first), cases without a time limit last; ties by id, so
 * the order is stable between refreshes and j/k keeps its place.
 */
import type { ServedCase } from '../api/index.ts';

/** A tab: `mine` = the cases the key may act on now, else a stage code. */
export type QueueTab = 'mine' | string;

/** The queue filters the desk sends to the server; '' = any. */
export interface QueueFilter {
  stage: string;
  department: string;
  grid: string;
  overdue: boolean;
}

/**
 * Cases in queue order (a new array).
 * @example sortQueue(cases)[0].overdue // true when any case is overdue
 */
export function sortQueue<C extends Pick<ServedCase, 'id' | 'overdue' | 'due_at'>>(cases: readonly C[]): C[] {
  return [...cases].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || dueMs(a) - dueMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function dueMs(c: Pick<ServedCase, 'due_at'>): number {
  return c.due_at === null ? Infinity : Date.parse(c.due_at);
}

/**
 * How many cases each tab holds: `mine` and every stage of `stages` (zeros included, in order).
 * @example tabCounts(cases, ['reported', 'accepted']) // [['mine', 3], ['reported', 2], ['accepted', 1]]
 */
export function tabCounts(
  cases: readonly Pick<ServedCase, 'stage' | 'allowed_actions'>[],
  stages: readonly string[],
): [QueueTab, number][] {
  const byStage = new Map(stages.map((s) => [s, 0]));
  let mine = 0;
  for (const c of cases) {
    if (c.allowed_actions.length > 0) mine += 1;
    if (byStage.has(c.stage)) byStage.set(c.stage, byStage.get(c.stage)! + 1);
  }
  return [['mine', mine], ...byStage];
}

/**
 * The cases of a tab, in queue order.
 * @example casesOfTab(cases, 'mine') // those with allowed_actions, overdue first
 */
export function casesOfTab<C extends Pick<ServedCase, 'id' | 'overdue' | 'due_at' | 'stage' | 'allowed_actions'>>(
  cases: readonly C[],
  tab: QueueTab,
): C[] {
  return sortQueue(cases.filter((c) => (tab === 'mine' ? c.allowed_actions.length > 0 : c.stage === tab)));
}

/**
 * The tab a desk opens on: `mine` when the key has work there, else the first stage with cases.
 * @example firstTab([['mine', 0], ['reported', 4]]) // 'reported'
 */
export function firstTab(counts: readonly [QueueTab, number][]): QueueTab {
  return counts.find(([, n]) => n > 0)?.[0] ?? 'mine';
}

/**
 * The index the selection moves to with j (+1) or k (−1), kept inside the queue.
 * @example moveSelection(0, -1, 5) // 0
 */
export function moveSelection(index: number, step: number, length: number): number {
  if (length === 0) return -1;
  return Math.min(length - 1, Math.max(0, index + step));
}

/**
 * Counts per stage of a set of cases (the wall's panel), in the order of `stages`.
 * @example countByStage(cases, ['reported', 'dispatched']) // [['reported', 2], ['dispatched', 5]]
 */
export function countByStage(
  cases: readonly Pick<ServedCase, 'stage' | 'overdue'>[],
  stages: readonly string[],
): { stage: string; count: number; overdue: number }[] {
  return stages.map((stage) => {
    const of = cases.filter((c) => c.stage === stage);
    return { stage, count: of.length, overdue: of.filter((c) => c.overdue).length };
  });
}
