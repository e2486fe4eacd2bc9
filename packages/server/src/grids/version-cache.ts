import type { GridSet, Router } from '@citygrid/core';

/** One grid version in memory: its grids, and its router once something needed it. */
export interface LoadedVersion {
  version: number;
  gridSet: GridSet;
  router?: Router;
}

// Versions kept in memory besides the current one: a planner compares a draft or two with
// what is published; a router over 10k grids is ~300 ms to build and a few MB to keep.
const DEFAULT_SIZE = 8;

/**
 * The grid versions most recently used, least recently used dropped first. Versions never
 * change once imported, so an entry is only stale when the boundaries change (the hierarchy
 * their paths climb, the parents found by location): then all are dropped.
 */
export class VersionCache {
  readonly #entries = new Map<number, LoadedVersion>();
  readonly #size: number;

  constructor(size = DEFAULT_SIZE) {
    this.#size = size;
  }

  /** The version if it is in memory, marked as just used. */
  get(version: number): LoadedVersion | undefined {
    const entry = this.#entries.get(version);
    if (entry) {
      this.#entries.delete(version);
      this.#entries.set(version, entry);
    }
    return entry;
  }

  /** Keeps `entry`, dropping the least recently used beyond the size. */
  set(entry: LoadedVersion): void {
    this.#entries.delete(entry.version);
    this.#entries.set(entry.version, entry);
    while (this.#entries.size > this.#size) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** Forgets every version (they reload on next use, over the new boundaries). */
  clear(): void {
    this.#entries.clear();
  }
}
