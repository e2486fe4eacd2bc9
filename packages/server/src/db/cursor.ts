/** Position after the last report of a page: its created_at (µs since the epoch) and id. */
export interface Cursor {
  createdUs: bigint;
  id: string;
}

/**
 * Opaque page cursor. Keyset, not OFFSET: page 1,000 costs the same as page 1, and reports
 * arriving meanwhile neither repeat nor skip rows. base64url so it survives a query string.
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdUs}:${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor inside `text`, or null if it is not one this server made. */
export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const colon = raw.indexOf(':');
  const us = raw.slice(0, colon);
  if (colon < 1 || !/^-?\d{1,19}$/.test(us)) return null;
  return { createdUs: BigInt(us), id: raw.slice(colon + 1) };
}
