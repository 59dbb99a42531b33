// Slow market-data reliability runs with the default (production) timeouts; not part of `npm test`.
//   npx vitest run --config test/reliability/market.vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/reliability/market-*.test.ts'], testTimeout: 300_000, pool: 'forks', root: '.' },
});
