import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built viewer at `/` (index.html) and its planner page at `/plan` (plan.html)
 * when its directory exists; without it (tests, a headless API server) nothing is registered
 * and both answer 404 like any unknown path.
 */
export default fp<{ viewerDir?: string }>(
  async (app, { viewerDir }) => {
    if (!viewerDir || !existsSync(viewerDir)) return;
    await app.register(fastifyStatic, { root: resolve(viewerDir), prefix: '/', index: ['index.html'] });
    // `/plan`, not `/plan/`: the pages' asset URLs are relative (`./assets/…`), so they must
    // sit at the root level for both pages to share one assets/ folder.
    if (existsSync(resolve(viewerDir, 'plan.html'))) {
      app.get('/plan', { schema: { hide: true } }, (_request, reply) => reply.sendFile('plan.html'));
      app.get('/plan/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/plan', 301));
    }
    if (existsSync(resolve(viewerDir, 'cases.html'))) app.get('/cases', { schema: { hide: true } }, (_request, reply) => reply.sendFile('cases.html'));
  },
  { name: 'citygrid-viewer' },
);
