import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: concurrency, kill -9, fuzz and security checks against the built
// binary (slow: minutes, not seconds), kept out of `npm test`'s default run.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    // The market outage timing runs (default 10 s timeouts, minutes) have their own config.
    exclude: ['test/reliability/market-*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
