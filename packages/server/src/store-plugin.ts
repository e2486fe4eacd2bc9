import fp from 'fastify-plugin';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The DuckDB store: grids, outlines and reports. */
    store: Store;
  }
}

/** Options of the store plugin: an open store to share, or a file to open. */
export interface StorePluginOptions {
  /** DuckDB file, or ':memory:'. Ignored when `store` is given. */
  dbPath?: string;
  /** A store opened by the caller, who also closes it. */
  store?: Store;
}

/**
 * Decorates the app with `store`. A store it opened itself is closed with the app; one handed
 * in is left open, since its owner (a test, the CLI) may still use it.
 */
export default fp<StorePluginOptions>(
  async (app, options) => {
    const store = options.store ?? (await openStore(options.dbPath ?? ':memory:'));
    app.decorate('store', store);
    if (!options.store) app.addHook('onClose', () => store.close());
  },
  { name: 'citygrid-store' },
);
