/**
 * The planner's API key (issue 7: keys and roles). A planner key saves drafts and asks impacts,
 * an admin key also publishes; once access control is on, reads need a key too (unless the
 * server runs with public reads). The key is kept in this tab's sessionStorage, never in the
 * URL, and sent as `Authorization: Bearer cg_…` with every request of the page. sessionStorage,
 * not localStorage: a reload keeps it, but an admin key typed on a shared command-centre PC is
 * gone when the tab closes instead of waiting there for the next user.
 */

const STORAGE_KEY = 'citygrid.apiKey';

/** The stored key, or '' when none. */
export function storedApiKey(storage: Pick<Storage, 'getItem'> = sessionStorage): string {
  return storage.getItem(STORAGE_KEY) ?? '';
}

/** Stores a key ('' forgets it). */
export function storeApiKey(key: string, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void {
  const k = key.trim();
  if (k) storage.setItem(STORAGE_KEY, k);
  else storage.removeItem(STORAGE_KEY);
}

/**
 * The request headers for a key: none without one.
 * @example keyHeaders('cg_3f2a…') // { authorization: 'Bearer cg_3f2a…' }
 */
export function keyHeaders(key: string): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** A fetch that adds the key's headers (for `createApi({ fetch })` of the shared client). */
export function fetchWithKey(key: () => string, base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(keyHeaders(key()))) headers.set(k, v);
    return base(input, { ...init, headers });
  };
}
