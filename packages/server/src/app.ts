import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { redactUrl } from './auth/redact-url.ts';
import { errorReply } from './errors/error-reply.ts';
import { notFoundBody } from './errors/not-found.ts';
import auth, { type AuthOptions } from './auth/access-plugin.ts';
import attachments, { type AttachmentOptions } from './attachments/attachment-routes.ts';
import feed from './live/live-plugin.ts';
import jsonBody from './http/json-body.ts';
import security, { type RateLimitOptions } from './http/security.ts';
import storePlugin from './store-plugin.ts';
import geometry from './geometry/geometry-plugin.ts';
import type { GeometryPoolOptions } from './geometry/geometry-pool.ts';
import swagger from './http/swagger.ts';
import viewer from './http/viewer.ts';
import boundaries from './areas/boundary-routes.ts';
import cases from './cases/case-routes.ts';
import grids from './grids/grid-routes.ts';
import health from './http/health-routes.ts';
import keys from './auth/key-routes.ts';
import me from './auth/me-routes.ts';
import meta from './reports/meta-routes.ts';
import open311 from './open311/index.ts';
import profile from './profile/profile-routes.ts';
import patrols from './patrols/patrol-routes.ts';
import people from './people/people-routes.ts';
import reports from './reports/report-routes.ts';
import risk from './risk/risk-routes.ts';
import removals from './removals/removal-routes.ts';
import route from './grids/route-routes.ts';
import stats from './stats/index.ts';
import assessment from './assessment/assessment-routes.ts';
import ratings from './ratings/rating-routes.ts';
import stream from './live/index.ts';
import versions from './grids/version-routes.ts';
import type { Store } from './store.ts';
import type { FeedOptions } from './live/live-feed.ts';

/** Options of {@link build}. */
export interface BuildOptions {
  /** DuckDB file to open, or ':memory:'. Ignored when `store` is given. */
  dbPath?: string;
  /** An already open store; the caller keeps ownership and closes it. */
  store?: Store;
  /** Built viewer to serve at `/` (index.html), if the directory exists. */
  viewerDir?: string;
  /** Log requests as JSON lines (pino): true, or pino options (level, stream). Keys are redacted either way. */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /**
   * Access control by API key and role (docs/server.md, Access). On unless `false`, which
   * opens every route (tests, a tool on loopback); `{ publicRead: true }` opens the reads.
   */
  auth?: AuthOptions | false;
  /** Requests per key (per address without one) and window; `false` for no limit. */
  rateLimit?: RateLimitOptions | false;
  /** The live feed (GET /api/stream): stats and heartbeat intervals, limits. */
  feed?: FeedOptions;
  /** Report photos: `maxBytes` per file (10 MB), `maxFiles` per request (20). */
  attachments?: AttachmentOptions;
  /** Coverage checks, repairs and diffs on worker threads: `size` (the cores), `timeoutMs` per task (120 000). */
  geometry?: GeometryPoolOptions;
}

const DEFAULTS = {
  dbPath: ':memory:', // a throwaway store: tests, demos
  logger: false, // tests inject thousands of requests; the CLI turns it on
  auth: {}, // keys required; the CLI adds publicRead for --public-read
  rateLimit: {}, // the plugin's defaults
  feed: {},
  attachments: {},
  geometry: {},
} satisfies BuildOptions;

// Wherever a request's headers might be logged, keys are not: the default request serializer
// logs method and URL only, and these paths cover a serializer or a log call that adds headers.
const REDACT = ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]'];

// The catalogue code a request failed with, for its log line.
const errorCodes = new WeakMap<FastifyRequest, string>();

/** fastify's request line, with key-like query parameters (Open311's `api_key`) redacted. */
function logRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * Builds the citygrid HTTP app, ready for `listen` or `inject`: external plugins (OpenAPI,
 * viewer), then app plugins (JSON bodies, store), then routes. One error handler turns every
 * failure into `{ error, message, fix, problems }` with the catalogue's status.
 *
 * @example
 * const app = await build({ dbPath: 'city.duckdb', viewerDir: 'packages/viewer/dist' });
 * await app.listen({ port: 8080 });
 */
export async function build(options: BuildOptions = {}): Promise<FastifyInstance> {
  const opts = { ...DEFAULTS, ...options };
  const logger =
    opts.logger === false
      ? false
      : { ...(opts.logger === true ? {} : opts.logger), redact: { paths: REDACT, censor: '[redacted]' }, serializers: { req: logRequest } };
  // One line per request (onResponse below) instead of fastify's two, with the route and key.
  // Ids are a random prefix per start and a counter: a log kept across restarts never has two
  // req-1s, and no request pays for random bytes (a tenth of /health's time when it did).
  const boot = randomBytes(4).toString('hex');
  let requests = 0;
  const app = Fastify({
    logger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => `${boot}-${(++requests).toString(36)}`,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox's own checker: it converts query strings ("100" → 100) but never coerces a body,
  // so `"lon": "109"` is refused, and it reports every error, not only the first.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorReply(error, request);
    // The stack goes to the log only; the answer names the request id to find it by.
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    errorCodes.set(request, body.error);
    return reply.code(status).type('application/json').send(body);
  });
  // Callback hooks, not async ones: they run on every request, /health included, where a
  // promise per hook is a measurable share of the time.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        req: request,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(errorCodes.has(request) ? { error: errorCodes.get(request) } : {}),
      },
      'request',
    );
    done();
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(notFoundBody(request)));

  // gzip/brotli when the client asks: the viewer's 2 MB of JS goes out as ~0.55 MB and the
  // grids' GeoJSON shrinks ~5×, which is most of the demo's first paint on a slow link.
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(security, { rateLimit: opts.rateLimit });
  await app.register(swagger);
  await app.register(viewer, { viewerDir: opts.viewerDir });
  await app.register(jsonBody);
  await app.register(storePlugin, { dbPath: opts.dbPath, store: opts.store });
  await app.register(geometry, opts.geometry);
  await app.register(auth, { enabled: opts.auth !== false, ...(opts.auth || {}) });
  await app.register(feed, opts.feed);

  await app.register(health);
  await app.register(grids);
  await app.register(versions);
  await app.register(boundaries);
  await app.register(reports);
  await app.register(removals);
  await app.register(route);
  await app.register(stats);
  await app.register(meta);
  await app.register(profile);
  await app.register(cases);
  await app.register(risk);
  await app.register(assessment);
  await app.register(ratings);
  // GeoReport v2 keeps its own paths, error format and form bodies, inside its own prefix.
  await app.register(open311, { prefix: '/open311/v2' });
  await app.register(stream);
  await app.register(keys);
  await app.register(me);
  await app.register(people);
  await app.register(patrols);
  await app.register(attachments, opts.attachments);
  await app.ready();
  return app;
}
