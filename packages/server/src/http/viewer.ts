import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

// What `/` and `/plan` answer when the viewer was asked for but not built: a first-time user
// who ran `citygrid serve` before `pnpm run build` learns the fix instead of seeing a 404.
const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>citygrid: viewer not built</title>
<h1>The citygrid viewer is not built</h1>
<p>Build it from the repository root, then restart <code>citygrid serve</code>:</p>
<pre>npx -y pnpm@10 run build</pre>
<p>The API works meanwhile: <a href="/docs">/docs</a>.</p></html>`;

/**
 * Serves the built viewer at `/` (index.html), its planner at `/plan`, the case desk at `/cases`,
 * the assessment at `/assess` and the field app at `/m` (with its service worker `/sw.js`)
 * when its directory holds a build. Without `viewerDir` (tests, a headless API server) nothing
 * is registered and both answer 404 like any unknown path; with a `viewerDir` not built yet
 * (no such directory) they answer 503 with a page saying how to build it.
 */
export default fp<{ viewerDir?: string }>(
  async (app, { viewerDir }) => {
    if (!viewerDir) return;
    if (!existsSync(viewerDir)) {
      for (const path of ['/', '/plan', '/cases', '/assess', '/m']) {
        app.get(path, { schema: { hide: true } }, (_request, reply) => reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT));
      }
      return;
    }
    await app.register(fastifyStatic, { root: resolve(viewerDir), prefix: '/', index: ['index.html'] });
    // `/plan`, not `/plan/`: the pages' asset URLs are relative (`./assets/…`), so they must
    // sit at the root level for both pages to share one assets/ folder.
    if (existsSync(resolve(viewerDir, 'plan.html'))) {
      app.get('/plan', { schema: { hide: true } }, (_request, reply) => reply.sendFile('plan.html'));
      app.get('/plan/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/plan', 301));
    }
    if (existsSync(resolve(viewerDir, 'cases.html')))
      app.get('/cases', { schema: { hide: true } }, (_request, reply) => reply.sendFile('cases.html'));
    // The field app's service worker, /sw.js, is a static file like the others (max-age=0: a new build reaches phones).
    if (existsSync(resolve(viewerDir, 'm.html'))) app.get('/m', { schema: { hide: true } }, (_request, reply) => reply.sendFile('m.html'));
    if (existsSync(resolve(viewerDir, 'assess.html')))
      app.get('/assess', { schema: { hide: true } }, (_request, reply) => reply.sendFile('assess.html'));
  },
  { name: 'citygrid-viewer' },
);
