import fp from 'fastify-plugin';
import { GeometryPool, type GeometryPoolOptions } from './geometry-pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Worker threads for coverage checks, repairs and diffs: the event loop never runs them. */
    geometry: GeometryPool;
  }
}

// Apps built with the default options share one pool (its workers are unref'd, so it never
// keeps the process alive): a worker costs ~1 s to start, and tests build hundreds of apps.
let shared: GeometryPool | undefined;

/** Decorates the app with `geometry`: the shared pool, or with options a pool of its own, closed with the app. */
export default fp<GeometryPoolOptions>(
  async (app, options) => {
    const own = options.size !== undefined || options.timeoutMs !== undefined;
    if (!own && !shared) shared = new GeometryPool();
    const pool = own ? new GeometryPool(options) : shared!;
    app.decorate('geometry', pool);
    if (own) app.addHook('onClose', () => pool.close());
  },
  { name: 'citygrid-geometry' },
);
