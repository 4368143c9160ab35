import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Native llama contexts and SQLite handles are heavy on a 2-core machine: run files in forks, few at a time.
    pool: 'forks',
    maxWorkers: 2,
    // A timeout is there to stop a hang, not to measure speed: the slowest integration tests take 30–50 s on a
    // quiet 2-core machine, and a 60 s limit failed them whenever anything else ran.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/global-setup.ts'],
  },
});
