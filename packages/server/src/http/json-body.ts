import fp from 'fastify-plugin';
import { parseJsonBody } from './parse-json-body.ts';

/**
 * JSON bodies under both `application/json` and `application/geo+json` (RFC 7946 §12: what
 * GIS exports send). Parsing is fastify's own (secure-json-parse, refusing `__proto__`
 * poisoning); on failure the text is parsed again only to put JSON.parse's own words
 * ("Unexpected token … at position 42") into CG_ERR_NOT_JSON, which fastify's message leaves
 * out. Fastify's text/plain parser is removed: every body this API takes is JSON, and a CSV
 * posted as text should hear 415, not "body must be object".
 *
 * Every body is refused whole, before any route sees it, when it could not be stored as sent
 * (parse-json-body.ts has the rules: not UTF-8, a lone surrogate, nesting too deep). The grid
 * routes parse big bodies on a worker instead, by the same rules (grids/grid-body.ts).
 */
export default fp(
  async (app) => {
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser(['application/json', 'application/geo+json'], { parseAs: 'buffer' }, (_request, body, done) => {
      let value: unknown;
      try {
        value = parseJsonBody(body as Buffer);
      } catch (e) {
        return done(e as Error, undefined);
      }
      done(null, value);
    });
  },
  { name: 'citygrid-json-body' },
);
