import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable named `chromium` (or `chromium-browser`) on PATH, or null. */
export function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Flags for a headless, offline, GPU-less run: SwiftShader gives WebGL2 on the CPU, and the page
 * is composited in software, as Chrome does by itself on a machine without a GPU. Compositing
 * through SwiftShader too cost ~150 ms of the GPU process per frame at 1920×1080, queued in
 * front of the page's WebGL calls: the wall's first frame took 4–5 s instead of ~2 s.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-compositing',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
