/**
 * One planning session: the edit history, the server version it started from, the state last
 * saved as a server draft, and the names of the base version's grids (impact rows name old
 * grids too). Pure: persisting is the caller's (draft-store.ts).
 */
import type { GridSet } from '@citygrid/core';
import { decodeHistory, encodeHistory, type PlanState, type StoredHistory } from './history-codec.ts';
import { History } from './history.ts';
import { TEXT } from './strings.ts';

/** The history, its base version and its last saved draft. */
export class Session {
  /**
   * @param baseVersion the server version the edits started from (null: the current grids of a server without versions)
   * @param saved the state last saved as a server draft, and its version
   * @example new Session(new History({ state: { gridSet }, label: '载入网格' }), null, null)
   */
  constructor(
    readonly history: History<PlanState>,
    public baseVersion: number | null,
    public saved: { version: number; gridSet: GridSet } | null,
    readonly baseNames: Map<string, string> = namesOf(history.present.gridSet),
  ) {}

  /**
   * A fresh session on the grids of a server version.
   * @example Session.fromVersion(gridSet, 3).history.undoLabel() // null
   */
  static fromVersion(gridSet: GridSet, version: number | null): Session {
    return new Session(new History({ state: { gridSet }, label: TEXT.loadStep(version) }), version, null);
  }

  /**
   * The session a stored local draft holds (the base names are those of its first step).
   * @example Session.fromDraft(await loadDraft())
   */
  static fromDraft(stored: StoredHistory): { session: Session; updated: number } {
    const d = decodeHistory(stored);
    const savedState = d.saved ? d.steps[d.saved.at]?.state.gridSet : undefined;
    const saved = d.saved && savedState ? { version: d.saved.version, gridSet: savedState } : null;
    return {
      session: new Session(History.from(d.steps, d.at), d.baseVersion, saved, namesOf(d.steps[0].state.gridSet)),
      updated: d.updated,
    };
  }

  /** The grids now. */
  get present(): GridSet {
    return this.history.present.gridSet;
  }

  /** True when the grids now are the ones last saved as a server draft. */
  get savedNow(): boolean {
    return this.saved?.gridSet === this.present;
  }

  /**
   * Names of the base version's grids and of the grids now (the latter win).
   * @example session.names().get('A1') // '新城一网格'
   */
  names(): Map<string, string> {
    return new Map([...this.baseNames, ...namesOf(this.present)]);
  }

  /**
   * The record to store locally, and whether there is anything to keep (an edit or more).
   * @example const { record, keep } = session.record(); keep ? storeDraft(record) : clearDraft();
   */
  record(): { record: StoredHistory; keep: boolean; at: number } {
    const snap = this.history.snapshot();
    const saved = this.saved;
    const savedAt = saved ? snap.steps.findIndex((st) => st.state.gridSet === saved.gridSet) : -1;
    const record = encodeHistory(snap, {
      baseVersion: this.baseVersion,
      saved: saved && savedAt >= 0 ? { version: saved.version, at: savedAt } : null,
    });
    return { record, keep: snap.steps.length > 1, at: snap.at };
  }
}

function namesOf(gs: GridSet): Map<string, string> {
  return new Map(gs.grids.map((g) => [g.id, g.name]));
}
