import fp from 'fastify-plugin';
import { CitygridError } from '@citygrid/core';

/**
 * JSON bodies under both `application/json` and `application/geo+json` (RFC 7946 §12: what
 * GIS exports send). Parsing stays fastify's (it refuses `__proto__` poisoning); on failure the
 * text is parsed again only to put JSON.parse's own words ("Unexpected token … at position 42")
 * into CG_ERR_NOT_JSON, which fastify's message leaves out. Fastify's text/plain parser is
 * removed: every body this API takes is JSON, and a CSV posted as text should hear 415, not
 * "body must be object".
 */
export default fp(
  async (app) => {
    const secureParse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser(['application/json', 'application/geo+json'], { parseAs: 'string' }, (request, body, done) => {
      const text = String(body); // parseAs 'string' delivers a string; the type admits a Buffer
      secureParse(request, text, (error, value) => {
        if (!error) return done(null, value);
        done(CitygridError.of('CG_ERR_NOT_JSON', {}, whyNotJson(text)), undefined);
      });
    });
  },
  { name: 'citygrid-json-body' },
);

function whyNotJson(text: string): string {
  if (text.length === 0) return 'the body is empty';
  try {
    JSON.parse(text);
    return 'it has a "__proto__" or "constructor.prototype" key, refused for safety';
  } catch (e) {
    return (e as Error).message;
  }
}
