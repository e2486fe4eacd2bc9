import { decodeUrlencoded } from './decode-urlencoded.ts';

/**
 * Refuses a query string whose percent-encoded name or value is not UTF-8, with CG_ERR_NOT_UTF8
 * naming the parameter. Fastify's parser keeps what it cannot decode as the characters sent, so
 * `service_code=%E4%B8` (a cut 中) would filter on the text "%E4%B8" and answer an empty list
 * as if nothing matched. Only a query holding a `%` is read again.
 *
 * @param url the request's url, path and query as received
 * @example checkQueryUtf8('/open311/v2/requests.json?service_code=%E4%B8') // throws CG_ERR_NOT_UTF8: query parameter "service_code" is not UTF-8 …
 */
export function checkQueryUtf8(url: string): void {
  const q = url.indexOf('?');
  if (q < 0 || url.indexOf('%', q) < 0) return;
  decodeUrlencoded(Buffer.from(url.slice(q + 1)), 'query parameter');
}
