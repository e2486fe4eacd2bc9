/**
 * The planner's history as one structured-clonable record for IndexedDB. Steps share most
 * grids (an edit replaces one to a handful), so each grid object is stored once in a pool and
 * each step is a list of pool indexes: 50 steps of 91 grids store ~100 grids, not 4,550.
 */
import type { Grid, GridSet } from '@citygrid/core';
import type { Step } from './history.ts';

/** What the planner edits: the grids, and which server version they started from. */
export interface PlanState {
  gridSet: GridSet;
}

/** The stored form (version 1). */
export interface StoredHistory {
  format: 1;
  /** The server version the edits started from, or null (grids of an older server). */
  baseVersion: number | null;
  /** Draft version saved on the server from the step at `savedAt`, if any. */
  saved: { version: number; at: number } | null;
  idField: string;
  pool: Grid[];
  steps: Array<{ label: string; grids: number[] }>;
  at: number;
  /** ms since epoch, for "上次编辑于 …". */
  updated: number;
}

/**
 * Encodes steps for storage, each distinct grid object once.
 * @example const rec = encodeHistory(history.snapshot(), { baseVersion: 3, saved: null })
 */
export function encodeHistory(
  history: { steps: readonly Step<PlanState>[]; at: number },
  meta: { baseVersion: number | null; saved: StoredHistory['saved']; updated?: number },
): StoredHistory {
  const index = new Map<Grid, number>();
  const pool: Grid[] = [];
  const steps = history.steps.map((s) => ({
    label: s.label,
    grids: s.state.gridSet.grids.map((g) => {
      let i = index.get(g);
      if (i === undefined) {
        i = pool.push(g) - 1;
        index.set(g, i);
      }
      return i;
    }),
  }));
  const idField = history.steps[0]?.state.gridSet.idField ?? 'id';
  return {
    format: 1,
    baseVersion: meta.baseVersion,
    saved: meta.saved,
    idField,
    pool,
    steps,
    at: history.at,
    updated: meta.updated ?? Date.now(),
  };
}

/**
 * Decodes a stored history; steps share grid objects again, as they did before.
 * @throws Error naming what is wrong when the record is not one {@link encodeHistory} wrote
 */
export function decodeHistory(record: unknown): {
  steps: Step<PlanState>[];
  at: number;
  baseVersion: number | null;
  saved: StoredHistory['saved'];
  updated: number;
} {
  const r = record as StoredHistory;
  if (!r || r.format !== 1 || !Array.isArray(r.pool) || !Array.isArray(r.steps))
    throw new Error('stored draft: expected format 1 with pool and steps');
  if (!(r.at >= 0 && r.at < r.steps.length)) throw new Error(`stored draft: position ${r.at} outside its ${r.steps.length} steps`);
  const steps = r.steps.map((s) => {
    const grids = s.grids.map((i) => {
      const g = r.pool[i];
      if (!g) throw new Error(`stored draft: step "${s.label}" names grid #${i}, the pool has ${r.pool.length}`);
      return g;
    });
    return { label: s.label, state: { gridSet: { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: r.idField } } };
  });
  return { steps, at: r.at, baseVersion: r.baseVersion, saved: r.saved, updated: r.updated };
}
