import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Snapshot } from '../db/snapshot.ts';
import type { CityContext } from '../profile/city-context.ts';
import { AnswerMemo } from './answer-memo.ts';

// Per profile in use (answers read the profile, its timezone and catalogue, besides the
// snapshot, so a new profile starts afresh): answers by snapshot key, shared while computed
// (AnswerMemo), and the last answer per URL with the write generation it is true for, served
// without opening a snapshot while no write has happened. 32: the wall's few URLs.
interface Memos {
  answers: AnswerMemo;
  settled: Map<string, { generation: number; etag: string; answer: unknown; text?: string }>;
}
const memos = new WeakMap<CityContext, Memos>();
const MEMO_ANSWERS = 32;

function memosOf(city: CityContext): Memos {
  let m = memos.get(city);
  if (!m) {
    m = { answers: new AnswerMemo(MEMO_ANSWERS), settled: new Map() };
    memos.set(city, m);
  }
  return m;
}

// Revalidate every time: answers change with every report, and revalidating costs one small
// query (~2 ms for 1M reports) against tens to hundreds of ms to recompute.
const CACHE_CONTROL = 'private, no-cache';

/**
 * Answers a statistics request with an ETag, or 304 Not Modified. The ETag hashes the
 * snapshot's tag (current grid version, report count and last arrival, hierarchy) with the
 * request URL and `variant` (what else selects the representation, e.g. the negotiated
 * format), so it changes exactly when the answer can. It is computed from the same snapshot
 * as the answer, before it: on a match nothing is counted. Weak (W/) because compression
 * changes the bytes, not the meaning. The same key means the same answer, so answers are
 * shared by key between requests (AnswerMemo): concurrent clients of the same URL cost one query,
 * and while nothing is written a repeated URL costs none.
 *
 * @param options.json the route answers the value as JSON: a settled answer is then sent here, as text serialized once
 * @returns the computed answer, or undefined when a 304 (or, with `json`, the answer) was sent
 * @example return cachedAnswer(app, request, reply, '', (snapshot) => reportStats(snapshot, query), { json: true });
 */
export async function cachedAnswer<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  variant: string,
  compute: (snapshot: Snapshot) => Promise<T>,
  options: { json?: boolean } = {},
): Promise<T | undefined> {
  const { answers, settled } = memosOf(app.store.profiles.current());
  const url = `${request.url}\n${variant}`;
  const before = app.store.db.writeGeneration();
  const kept = settled.get(url);
  const { etag, answer } =
    before !== null && kept?.generation === before
      ? { etag: kept.etag, answer: matches(request.headers['if-none-match'], kept.etag) ? undefined : (kept.answer as T) }
      : await app.store.readSnapshot(async (snapshot) => {
          const key = createHash('sha1').update(`${snapshot.tag}\n${url}`).digest('base64url').slice(0, 22);
          const etag = `W/"${key}"`;
          if (matches(request.headers['if-none-match'], etag)) return { etag, answer: undefined };
          const answer = await answers.answer(key, () => compute(snapshot));
          // No write ran around this snapshot: it saw the state `before` names, and so will every request until the next write.
          if (before !== null && app.store.db.writeGeneration() === before) {
            settled.delete(url);
            settled.set(url, { generation: before, etag, answer });
            while (settled.size > MEMO_ANSWERS) settled.delete(settled.keys().next().value!);
          }
          return { etag, answer };
        });
  reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('vary', 'accept');
  if (answer === undefined) reply.code(304).send();
  else if (options.json && kept && kept.generation === before && kept.etag === etag) {
    // A settled answer is sent as the text it serialized to the first time: on a 2-core
    // machine serializing a large answer per request is what ten clients would queue on.
    kept.text ??= reply.serialize(answer) as string;
    reply.type('application/json; charset=utf-8').send(kept.text);
    return undefined;
  }
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
