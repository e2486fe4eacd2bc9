import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built viewer at `/` when its directory exists; without it (tests, a headless
 * API server) nothing is registered and `/` answers 404 like any unknown path.
 */
export default fp<{ viewerDir?: string }>(
  async (app, { viewerDir }) => {
    if (!viewerDir || !existsSync(viewerDir)) return;
    await app.register(fastifyStatic, { root: resolve(viewerDir), prefix: '/', index: ['index.html'] });
  },
  { name: 'citygrid-viewer' },
);
