import { defineProject } from 'vitest/config';

// The browser test starts a server and Chromium: generous timeouts, the test itself stays < 60 s.
export default defineProject({
  test: { name: 'viewer', include: ['test/**/*.test.ts'], testTimeout: 120000, hookTimeout: 120000 },
});
