import { defineProject } from 'vitest/config';

// isolate: false reuses the imported modules (fastify, swagger, DuckDB bindings) across test
// files instead of loading them once per file: 28 s → 10 s on 2 cores. Safe because every
// test builds its own app and store and shares no state. The 1M-report store tests take
// seconds alone and several times that beside the viewer's Chromium: 60 s timeout.
export default defineProject({ test: { name: 'server', include: ['test/**/*.test.ts'], isolate: false, testTimeout: 60_000, setupFiles: ['../core/test/support/fast-check-seed.ts'] } });
