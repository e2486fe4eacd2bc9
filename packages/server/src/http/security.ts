import fp from 'fastify-plugin';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { problem, serverError } from '../errors/catalogue.ts';

/** Options of the rate limit (build's `rateLimit`). */
export interface RateLimitOptions {
  /** [3000] Requests per `window_ms` for one key, or for one address without a key. */
  max?: number;
  /** [60000] Length of the window, ms. */
  window_ms?: number;
}

const DEFAULTS = {
  // 50/s sustained: loading the wall or the planner is ~30 requests, and the wall's playback
  // asks a few statistics per frame; several screens behind one NAT address share the budget.
  max: 3000,
  window_ms: 60_000,
} satisfies Required<RateLimitOptions>;

/**
 * Security headers and the rate limit, registered before any route so both cover everything
 * (the viewer's files and /docs too).
 *
 * The Content-Security-Policy allows exactly what the viewer uses: its own scripts, styles and
 * fonts; workers from its own files and from blob: (maplibre starts its tile workers from a
 * blob); images from data: and blob:; fetches to its own origin only. No host outside the
 * server, no eval, no inline script or style (but on /docs, whose Swagger UI inlines styles).
 * packages/viewer/test/security.browser.test.ts loads both pages and /docs and fails on any
 * violation. `upgrade-insecure-requests` and HSTS are left out: the
 * server speaks plain HTTP on a command-centre LAN, where upgrading every request to https
 * would break the page; TLS and HSTS belong to the proxy in front, when there is one.
 *
 * The limit counts per API key (the key's id), or per client address without a valid key, in
 * a fixed window; over it, 429 CG_ERR_RATE_LIMITED with Retry-After. `false` turns it off.
 * `/health`, `/docs` and the viewer's files are not counted: only `/api` and `/open311`.
 */
export default fp<{ rateLimit: RateLimitOptions | false }>(
  async (app, options) => {
    const headers = helmetHeaders(HELMET);
    // A callback hook: it runs on every request, /health and the viewer's files included.
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
    if (options.rateLimit === false) return;
    const { max, window_ms } = { ...DEFAULTS, ...options.rateLimit };
    await app.register(rateLimit, {
      max,
      timeWindow: window_ms,
      keyGenerator: (request) => (request.apiKey ? `key ${request.apiKey.id}` : `address ${request.ip}`),
      // Liveness probes and the viewer's files cost nothing to answer and must not spend the
      // budget of the screens behind one address: only the API is counted.
      allowList: (request) => !isCounted(request.url),
      errorResponseBuilder: (_request, context) => {
        const error = serverError([problem('CG_ERR_RATE_LIMITED', {}, context.max, context.after, 'this key or address')]);
        return Object.assign(error, { statusCode: context.statusCode });
      },
    });
  },
  { name: 'citygrid-security' },
);

const HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", 'data:', 'blob:'],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      // The viewer's styles are files; maplibre and deck.gl set styles through the CSSOM,
      // which CSP allows. Only /docs (Swagger UI) adds inline styles: swagger.ts widens it there.
      styleSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
  },
  strictTransportSecurity: false,
};

/**
 * The headers helmet sets, computed once. They depend on nothing in the request, yet
 * @fastify/helmet built helmet's middleware anew (parsing the CSP) on every request: a third
 * of what /health cost.
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Whether a request spends the rate limit: the API's routes do, liveness and static files do not. */
function isCounted(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/open311/');
}
