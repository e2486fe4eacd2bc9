import { defineConfig } from 'vitest/config';

// One run for the whole monorepo: each package is a project with its own settings.
export default defineConfig({
  test: {
    projects: ['packages/core', 'packages/server', 'packages/viewer', 'scripts'],
  },
});
