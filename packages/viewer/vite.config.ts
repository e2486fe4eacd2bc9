import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The pages are served by @citygrid/server from this package's dist/: the heatmap at `/`
// (index.html), the planner at `/plan` (plan.html) and the case desk at `/cases` (cases.html).
// All must work offline: everything (maplibre, deck.gl, terra-draw, the Noto Sans SC woff2
// slices) is bundled here.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [woff2Only()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // deck.gl + maplibre-gl are ~2 MB minified together; one chunk loads faster than a waterfall.
    chunkSizeWarningLimit: 2500,
    // Fonts are loaded by unicode-range slice on demand; never inline them into the CSS.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), plan: fileURLToPath(new URL('plan.html', import.meta.url)), cases: fileURLToPath(new URL('cases.html', import.meta.url)) },
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
