import type { FastifyInstance } from 'fastify';
import { parseJsonBody } from '../http/parse-json-body.ts';

/** Bodies above this many bytes are parsed on a geometry worker; JSON.parse takes ~10 ms a MB. */
export const GRID_BODY_OFF_THREAD = 1024 * 1024;

/**
 * Replaces, in the grid routes' scope only, the JSON body parser (http/json-body.ts) by one that
 * parses on the event loop only bodies up to {@link GRID_BODY_OFF_THREAD} bytes and hands bigger
 * ones on as their bytes: a 50 MB FeatureCollection took ~0.5–1 s of JSON.parse on the event
 * loop, and every request of the server waited for it. The route's bodyLimit still applies.
 * The geometry task parses the bytes by the same rules, with the same errors
 * ({@link gridBodyValue}); a parsed JSON value is never a Uint8Array, so the two cannot be confused.
 *
 * @example await app.register(async (scope) => { parseGridBodiesOffThread(scope); scope.post('/api/grids', …) })
 */
export function parseGridBodiesOffThread(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'application/geo+json']);
  app.addContentTypeParser(['application/json', 'application/geo+json'], { parseAs: 'buffer' }, (_request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length > GRID_BODY_OFF_THREAD) return done(null, bytes);
    let value: unknown;
    try {
      value = parseJsonBody(bytes);
    } catch (e) {
      return done(e as Error, undefined);
    }
    done(null, value);
  });
}

/**
 * The body's bytes to transfer to the worker (not copy) when it is a big body left unparsed.
 * @example app.geometry.run('checkGrids', args, 'checking the grids', { transfer: transferOf(request.body) })
 */
export function transferOf(body: unknown): ArrayBuffer[] {
  // Only a buffer that owns its whole memory: a small one may share Node's pool with others.
  if (
    body instanceof Uint8Array &&
    body.byteOffset === 0 &&
    body.byteLength === body.buffer.byteLength &&
    body.buffer instanceof ArrayBuffer
  )
    return [body.buffer];
  return [];
}

/**
 * A grid body as its value: parsed here when the parser left its bytes (on a worker, the
 * geometry tasks call it), else as it is.
 * @example gridBodyValue(Buffer.from('{"type":"FeatureCollection","features":[]}')) // { type: 'FeatureCollection', features: [] }
 */
export function gridBodyValue(body: unknown): unknown {
  return body instanceof Uint8Array ? parseJsonBody(body) : body;
}
