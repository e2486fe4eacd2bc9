import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Snapshot } from '../db/snapshot.ts';

// Revalidate every time: answers change with every report, and revalidating costs one small
// query (~2 ms for 1M reports) against tens to hundreds of ms to recompute.
const CACHE_CONTROL = 'private, no-cache';

/**
 * Answers a statistics request with an ETag, or 304 Not Modified. The ETag hashes the
 * snapshot's tag (current grid version, report count and last arrival, hierarchy) with the
 * request URL and `variant` (what else selects the representation, e.g. the negotiated
 * format), so it changes exactly when the answer can. It is computed from the same snapshot
 * as the answer, before it: on a match nothing is counted. Weak (W/) because compression
 * changes the bytes, not the meaning.
 *
 * @returns the computed answer, or undefined when a 304 was sent
 */
export async function cachedAnswer<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  variant: string,
  compute: (snapshot: Snapshot) => Promise<T>,
): Promise<T | undefined> {
  const { etag, answer } = await app.store.readSnapshot(async (snapshot) => {
    const key = createHash('sha1').update(`${snapshot.tag}\n${request.url}\n${variant}`).digest('base64url').slice(0, 22);
    const etag = `W/"${key}"`;
    return { etag, answer: matches(request.headers['if-none-match'], etag) ? undefined : await compute(snapshot) };
  });
  reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('vary', 'accept');
  if (answer === undefined) reply.code(304).send();
  return answer;
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2), or is `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}
