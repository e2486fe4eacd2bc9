import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorReply } from './errors/error-reply.ts';
import { notFoundBody } from './errors/not-found.ts';
import jsonBody from './plugins/json-body.ts';
import storePlugin from './plugins/store.ts';
import swagger from './plugins/swagger.ts';
import viewer from './plugins/viewer.ts';
import boundaries from './routes/boundaries/index.ts';
import grids from './routes/grids/index.ts';
import health from './routes/health/index.ts';
import meta from './routes/meta/index.ts';
import reports from './routes/reports/index.ts';
import route from './routes/route/index.ts';
import stats from './routes/stats/index.ts';
import versions from './routes/versions/index.ts';
import type { Store } from './store/store.ts';

/** Options of {@link build}. */
export interface BuildOptions {
  /** DuckDB file to open, or ':memory:'. Ignored when `store` is given. */
  dbPath?: string;
  /** An already open store; the caller keeps ownership and closes it. */
  store?: Store;
  /** Built viewer to serve at `/` (index.html), if the directory exists. */
  viewerDir?: string;
  /** Log requests as JSON lines (pino). */
  logger?: boolean;
}

const DEFAULTS = {
  dbPath: ':memory:', // a throwaway store: tests, demos
  logger: false, // tests inject thousands of requests; the CLI turns it on
} satisfies BuildOptions;

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
  const app = Fastify({ logger: opts.logger }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox's own checker: it converts query strings ("100" → 100) but never coerces a body,
  // so `"lon": "109"` is refused, and it reports every error, not only the first.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorReply(error, request);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(notFoundBody(request)));

  // gzip/brotli when the client asks: the viewer's 2 MB of JS goes out as ~0.55 MB and the
  // grids' GeoJSON shrinks ~5×, which is most of the demo's first paint on a slow link.
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(swagger);
  await app.register(viewer, { viewerDir: opts.viewerDir });
  await app.register(jsonBody);
  await app.register(storePlugin, { dbPath: opts.dbPath, store: opts.store });

  await app.register(health);
  await app.register(grids);
  await app.register(versions);
  await app.register(boundaries);
  await app.register(reports);
  await app.register(route);
  await app.register(stats);
  await app.register(meta);
  await app.ready();
  return app;
}
