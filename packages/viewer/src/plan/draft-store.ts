/**
 * The planner's local draft in IndexedDB: the whole undo history (history-codec.ts), written
 * after every edit, read back on load. One record per server origin's database; nothing leaves
 * the browser until the planner saves a draft version on the server.
 */
import type { StoredHistory } from './history-codec.ts';

const DB = 'citygrid-planner';
const STORE = 'drafts';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB: open failed'));
  });
}

async function run<T>(mode: IDBTransactionMode, f: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = f(tx.objectStore(STORE));
      // Resolve on commit, not on the request: a reload right after must find the record.
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB: transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB: transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** The stored draft, or undefined. */
export function loadDraft(): Promise<StoredHistory | undefined> {
  return run('readonly', (s) => s.get(KEY) as IDBRequest<StoredHistory | undefined>);
}

/** Replaces the stored draft; resolves once it is committed. */
export async function storeDraft(record: StoredHistory): Promise<void> {
  await run('readwrite', (s) => s.put(record, KEY));
}

/** Forgets the stored draft. */
export async function clearDraft(): Promise<void> {
  await run('readwrite', (s) => s.delete(KEY));
}
