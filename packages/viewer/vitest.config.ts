import { defineProject } from 'vitest/config';

// The browser test starts a server and Chromium: generous timeouts, the test itself stays < 60 s.
// A page's answer may take seconds on a loaded 2-core machine: polls wait up to 15 s, not 1 s.
export default defineProject({
  test: {
    name: 'viewer',
    include: ['test/**/*.test.ts'],
    testTimeout: 120000,
    hookTimeout: 120000,
    expect: { poll: { timeout: 15000 } },
    setupFiles: ['../core/test/support/fast-check-seed.ts'],
  },
});
