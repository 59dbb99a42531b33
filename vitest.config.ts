import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/reliability/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A worker keeps its imported modules from one test file to the next instead of importing src/,
    // ink and react again for each of the 120 files: vitest 77 s -> 40 s on 2 cores. Safe because
    // src/ keeps no module state a test could see (only memo caches of pure functions and the
    // per-provider limiters), tests set env and clocks through main()'s options and never on
    // process.env, and fake timers are restored after each test; checked with shuffled file
    // orders (docs/testing.md).
    isolate: false,
    // vitest's default is one worker per core minus one: a single worker on the 2-core machines
    // this runs on, so every file waited for the one before. Most test files wait on sockets,
    // child processes and SQLite rather than the CPU, so one more worker than cores keeps both
    // cores busy (npm test measured in README's development section).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
