import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The pages are served by @citygrid/server from this package's dist/: the heatmap at `/`
// (index.html), the planner at `/plan` (plan.html), the case desk at `/cases` (cases.html), the
// assessment at `/assess` (assess.html) and the field app at `/m` (m.html, a PWA with its own
// service worker, sw.js).
// All must work offline: everything (maplibre, deck.gl, terra-draw, the Noto Sans SC woff2
// slices) is bundled here.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [woff2Only(), fieldServiceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // deck.gl + maplibre-gl are ~2 MB minified together; one chunk loads faster than a waterfall.
    chunkSizeWarningLimit: 2500,
    // Fonts are loaded by unicode-range slice on demand; never inline them into the CSS.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        plan: fileURLToPath(new URL('plan.html', import.meta.url)),
        cases: fileURLToPath(new URL('cases.html', import.meta.url)),
        assess: fileURLToPath(new URL('assess.html', import.meta.url)),
        m: fileURLToPath(new URL('m.html', import.meta.url)),
      },
    },
  },
  // The planner's coverage worker imports @citygrid/core: ES module workers share chunks.
  worker: { format: 'es' },
  // `vite` (dev) forwards the API to `citygrid serve` (port 8080 by default).
  server: { proxy: { '/api': process.env.CITYGRID_API ?? 'http://127.0.0.1:8080' } },
});

/**
 * Drops the `.woff` fallbacks from @fontsource's CSS: every browser with WebGL2 reads woff2,
 * and the 119 unused woff slices would add 3.2 MB to dist (2.6 MB of woff2 stay).
 */
function woff2Only(): Plugin {
  return {
    name: 'citygrid-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

/**
 * The field app's service worker (Workbox, generated at build): it precaches m.html and only
 * the files m.html loads (read from its script and preload tags, so the wall's 2 MB of map code
 * stays out), and keeps the last answer of the reads the app needs offline (the grids, the
 * catalogue and profile, the key's person, risk colours), trying the network first. Its scope is
 * `/m`: the other pages are never served from it.
 */
function fieldServiceWorker(): Plugin[] {
  const dist = fileURLToPath(new URL('dist/', import.meta.url));
  return VitePWA({
    strategies: 'generateSW',
    filename: 'sw.js',
    injectRegister: false,
    manifest: false,
    scope: '/m',
    workbox: {
      globPatterns: ['m.html', 'manifest.webmanifest', 'icons/*.png', 'assets/*.{js,css}'],
      // `/m` is served m.html: Workbox's precache route tries a URL with `.html` appended (cleanURLs, on by default).
      navigateFallback: null,
      clientsClaim: true,
      skipWaiting: true,
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      manifestTransforms: [
        async (entries) => {
          const html = readFileSync(`${dist}m.html`, 'utf8');
          const used = new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]));
          return { manifest: entries.filter((e) => !e.url.startsWith('assets/') || used.has(e.url)), warnings: [] };
        },
      ],
      runtimeCaching: [
        {
          urlPattern: ({ url }) => /^\/api\/(grids|profile|profile\/catalogue|me|risk)$/.test(url.pathname),
          handler: 'NetworkFirst',
          options: { cacheName: 'citygrid-field-data', networkTimeoutSeconds: 6, expiration: { maxEntries: 40 } },
        },
        {
          // Font slices by unicode range, only on a phone without a CJK font of its own.
          urlPattern: ({ url }) => url.pathname.startsWith('/assets/') && url.pathname.endsWith('.woff2'),
          handler: 'CacheFirst',
          options: { cacheName: 'citygrid-field-fonts', expiration: { maxEntries: 200 } },
        },
      ],
    },
  });
}
