import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PatrolBody, ReportInput } from '@citygrid/server';

/** A photo waiting in the outbox: the compressed bytes, their SHA-256, whether the server has them. */
export interface QueuedPhoto {
  blob: Blob;
  name: string;
  sha256: string;
  sent: boolean;
}

/** Where an outbox item is: waiting for its turn, being sent, or refused (needs the inspector). */
export type ItemState = 'waiting' | 'sending' | 'failed';

/** What an outbox item carries: a report with its photos, or a finished patrol. */
export type OutboxPayload =
  | { kind: 'report'; report: ReportInput & { id: string }; photos: QueuedPhoto[]; posted: boolean; gridId: string | null }
  | { kind: 'patrol'; patrol: PatrolBody };

/** One item of the offline queue, keyed by its client id. */
export type OutboxItem = OutboxPayload & {
  id: string;
  createdAt: number;
  state: ItemState;
  failures: number;
  /** Not tried again before (UTC ms). */
  nextAt: number;
  lastError: string | null;
};

/** The patrol being walked: its samples so far, kept through reloads and restarts. */
export interface ActivePatrol {
  id: string;
  startedAt: number;
  crs: 'wgs84' | 'gcj02';
  track: [number, number, number, number | null][];
}

interface FieldSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: number } };
  patrol: { key: string; value: ActivePatrol };
}

/** The app's IndexedDB: the outbox and the active patrol. */
export type FieldDb = IDBPDatabase<FieldSchema>;

/**
 * Opens (or creates) the field app's database.
 * @example const db = await openFieldDb(); await db.getAll('outbox');
 */
export function openFieldDb(name = 'citygrid-field'): Promise<FieldDb> {
  return openDB<FieldSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      // One patrol at a time, under the key 'active' (out-of-line: its own id rides along).
      db.createObjectStore('patrol');
    },
  });
}
