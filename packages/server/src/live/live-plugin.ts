import fp from 'fastify-plugin';
import { LiveFeed, type FeedOptions } from './live-feed.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live feed: reports as they are stored, for GET /api/stream. */
    feed: LiveFeed;
  }
}

/**
 * Decorates the app with the live feed over its store. Open streams are ended in `preClose`:
 * a Server-Sent Events response never finishes by itself, and `close()` would wait for it.
 */
export default fp<FeedOptions>(
  async (app, options) => {
    const feed = new LiveFeed(app.store, options);
    app.decorate('feed', feed);
    app.addHook('preClose', async () => feed.close());
  },
  { name: 'citygrid-feed', dependencies: ['citygrid-store'] },
);
