/**
 * The request budget, measured against the fake Yahoo (numbers quoted in docs/market-data.md):
 *   npx vitest run test/market/request-counts.test.ts
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getQuotes } from '../../src/store/prices.js';
import { harness, symbolsN, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('request budget', () => {
  it.each([1, 49, 50, 51, 1000, 2000])('%i symbols: ceil(N/50) quote requests cold, 0 warm', async (n) => {
    h = await harness();
    const svc = await h.service();
    const cold = await svc.refreshQuotes(symbolsN(n));
    expect(h.fake.count('quote')).toBe(Math.ceil(n / 50));
    expect(h.fake.count('cookie')).toBe(1);
    expect(h.fake.count('crumb')).toBe(1);
    expect(cold.fetched).toBe(n);
    h.fake.reset();
    h.clock.advance(60_000);
    const warm = await svc.refreshQuotes(symbolsN(n));
    expect(h.fake.count()).toBe(0);
    expect(warm.cached).toBe(n);
    console.log(`[budget] ${n} symbols: cold ${cold.apiCalls} requests (${Math.ceil(n / 50)} quote + cookie + crumb), warm ${warm.apiCalls}`);
  });

  it('with 20% of requests failing with 500, at least 99% of 2000 symbols end fresh (default breaker)', async () => {
    h = await harness({ fake: { failRate: 0.2, seed: 42 }, config: { yahoo: { retries: 3 }, breaker: { failureThreshold: 5 } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(symbolsN(2000));
    const fresh = getQuotes(h.db).size;
    console.log(`[budget] 20% 500s: ${fresh}/2000 fresh after ${r.apiCalls} requests, circuit ${r.circuit}`);
    expect(fresh / 2000).toBeGreaterThanOrEqual(0.99);
  });
});
