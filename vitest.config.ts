import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real node processes; two cores do not gain from more workers.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
