import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/reliability/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // vitest's default is one worker per core minus one: a single worker on the 2-core machines
    // this runs on, so every file waited for the one before. Most test files wait on sockets,
    // child processes and SQLite rather than the CPU, so one more worker than cores keeps both
    // cores busy (npm test measured in README's development section).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
