import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// `cg_` + 12 hex digits of id + `_` + 43 base64url characters of secret (32 random bytes).
// The id is hex so the separator cannot occur in it; the secret may contain `_` and `-`.
const KEY_PATTERN = /^cg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const ID_BYTES = 6;
const SECRET_BYTES = 32;

/** A key split into its public id and its secret. */
export interface ApiKeyParts {
  /** 12 hex digits: shown in lists and logs, stored in clear. */
  id: string;
  /** 256 random bits, base64url: never stored, logged or shown again. */
  secret: string;
}

/**
 * A new random key `cg_<id>_<secret>` and the hash to store for it.
 * @example const { key, id, hash } = generateApiKey(); // key 'cg_3f2a9c01d4e7_Vb…', shown once
 */
export function generateApiKey(): ApiKeyParts & { key: string; hash: string } {
  const id = randomBytes(ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { id, secret, key: `cg_${id}_${secret}`, hash: hashSecret(secret) };
}

/** The id and secret of a well-formed key, or null. */
export function parseApiKey(text: string): ApiKeyParts | null {
  const m = KEY_PATTERN.exec(text);
  return m ? { id: m[1], secret: m[2] } : null;
}

/**
 * SHA-256 of the secret, hex. A fast hash is enough here, unlike for passwords: bcrypt and
 * argon2 are slow on purpose so that guessing a human-chosen password offline costs years, but
 * nobody can guess 256 random bits at any speed. A slow hash would only cost every request
 * 50–100 ms of CPU (bcrypt, cost 10) and make the check itself a denial-of-service lever.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` hashes to `hash`, compared in constant time. */
export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key a request carries: `Authorization: Bearer <key>`, else `X-API-Key: <key>`.
 * @returns the key text, or null when neither header is present
 */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1] : auth; // a non-Bearer scheme is kept, and refused as malformed
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

/** How a key is named in messages and logs: its id only, never the secret. */
export function keyLabel(id: string): string {
  return `cg_${id}_…`;
}
