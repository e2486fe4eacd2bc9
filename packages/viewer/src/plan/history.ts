/**
 * The planner's undo/redo stack. Each entry is a whole state (a GridSet and a label), not a
 * diff: core's edits return new sets that share every untouched grid, so a step costs the
 * changed grids only, and undo is just taking the previous entry.
 */

/** One step: the state after it, and what it was (shown in the UI: 撤销「拆分 HB-1-1」). */
export interface Step<T> {
  state: T;
  label: string;
}

const DEFAULTS = {
  limit: 100, // steps kept; older ones fall off the bottom (each is a full state, cheap as shared)
};

/** A linear history: `push` after an edit drops whatever could have been redone. */
export class History<T> {
  private readonly steps: Step<T>[];
  private at: number;
  private readonly limit: number;

  /**
   * @param initial the state before any edit (label e.g. '载入版本 3')
   * @param [options.limit=100] steps kept
   */
  constructor(initial: Step<T>, options: { limit?: number } = {}) {
    this.limit = options.limit ?? DEFAULTS.limit;
    if (!(this.limit >= 1)) throw new RangeError(`limit: expected ≥ 1, got ${this.limit}`);
    this.steps = [initial];
    this.at = 0;
  }

  /** Rebuilds a history from its steps and position (e.g. read back from IndexedDB). */
  static from<T>(steps: Step<T>[], at: number, options: { limit?: number } = {}): History<T> {
    if (!steps.length) throw new RangeError('History.from: expected at least one step');
    if (!(at >= 0 && at < steps.length)) throw new RangeError(`History.from: position ${at} outside 0…${steps.length - 1}`);
    const h = new History(steps[0], options);
    h.steps.push(...steps.slice(1));
    h.at = at;
    return h;
  }

  /** The current state. */
  get present(): T {
    return this.steps[this.at].state;
  }

  /** Every step, oldest first, and the index of the current one (for persisting). */
  snapshot(): { steps: readonly Step<T>[]; at: number } {
    return { steps: this.steps, at: this.at };
  }

  /** Records an edit. */
  push(state: T, label: string): void {
    this.steps.splice(this.at + 1);
    this.steps.push({ state, label });
    if (this.steps.length > this.limit) this.steps.splice(0, this.steps.length - this.limit);
    this.at = this.steps.length - 1;
  }

  canUndo(): boolean {
    return this.at > 0;
  }

  canRedo(): boolean {
    return this.at < this.steps.length - 1;
  }

  /** Label of the step {@link undo} would take back, or null. */
  undoLabel(): string | null {
    return this.canUndo() ? this.steps[this.at].label : null;
  }

  /** Label of the step {@link redo} would do again, or null. */
  redoLabel(): string | null {
    return this.canRedo() ? this.steps[this.at + 1].label : null;
  }

  /** Goes one step back. @returns false when there is nothing to undo */
  undo(): boolean {
    if (!this.canUndo()) return false;
    this.at -= 1;
    return true;
  }

  /** Goes one step forward again. @returns false when there is nothing to redo */
  redo(): boolean {
    if (!this.canRedo()) return false;
    this.at += 1;
    return true;
  }

  /** Number of edits since the first state (for "3 处修改"). */
  get position(): number {
    return this.at;
  }
}
