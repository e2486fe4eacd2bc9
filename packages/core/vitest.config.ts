import { defineProject } from 'vitest/config';

// Property tests build and check hundreds of tilings: ~1–5 s each alone, several times that on a
// loaded 2-core machine (the viewer's Chromium runs beside them in the one test command). A
// timeout here would fail a correct test, so allow 60 s; the whole core project takes ~40 s.
export default defineProject({ test: { name: 'core', include: ['test/**/*.test.ts'], testTimeout: 60_000, setupFiles: ['test/support/fast-check-seed.ts'] } });
