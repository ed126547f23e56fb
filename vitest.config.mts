import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/bundel.ts'],
    // Each integration file starts its own Temporal server on free ports and mostly waits on it:
    // two files at a time keep both cores busy; more only make the servers' timers late.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
