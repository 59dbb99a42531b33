/** Each fake's trouble switches, seen through the chain: trouble at one provider sends the symbol on, never a bad price in. */
import { afterEach, describe, expect, it } from 'vitest';
import { getQuotes } from '../../src/store/prices.js';
import { chainHarness, type ChainHarness } from './chain-harness.js';

let h: ChainHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const source = (s: string) => getQuotes((h as ChainHarness).db, [s]).get(s)?.source ?? null;

describe('fallback on every kind of trouble', () => {
  it.each([
    ['503 outage', { outage: '503' as const }],
    ['hang', { hang: true }],
    ['garbage HTML', { garbage: 'html' as const }],
    ['429 storm', { rate429: { rate: 1, retryAfterSeconds: 120 } }],
  ])('yahoo %s: AAPL from tiingo', async (_name, yahoo) => {
    h = await chainHarness({ yahoo, config: { yahoo: { timeoutMs: 200, connectTimeoutMs: 100, retries: 1, backoffMs: 5 } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL']);
    expect(r.failed).toEqual([]);
    expect(source('AAPL')).toBe('tiingo');
  });

  it('ecb garbage or 5xx: FX from yahoo', async () => {
    h = await chainHarness({ ecb: { garbage: true } });
    const svc = await h.service();
    await svc.refreshQuotes(['EURUSD=X']);
    expect(source('EURUSD=X')).toBe('yahoo');
    h.ecb.set({ garbage: false, status5xx: 502 });
    await svc.refreshQuotes(['GBPUSD=X']);
    expect(source('GBPUSD=X')).toBe('yahoo');
  });

  it('coingecko 429 with its recorded body: crypto unpriced, temporary, the reason named', async () => {
    h = await chainHarness({ yahoo: { outage: '503' }, gecko: { rateLimitBody: true }, config: { yahoo: { retries: 0, backoffMs: 5 } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['BTC-USD']);
    expect(r.failed[0]).toMatchObject({ symbol: 'BTC-USD', temporary: true });
    expect(r.failed[0]?.message).toMatch(/coingecko: rate limited \(429, retry after 119 s\)/);
    expect(h.gecko.count()).toBe(1); // a 119 s Retry-After is not waited for
  });

  it('tiingo bad key, rate-limit text and hang: never a price, alphavantage behind it answers', async () => {
    for (const t of [{ badKey: true }, { rateLimitBody: true }, { hang: true }]) {
      h = await chainHarness({ yahoo: { failRate: 1, failStatus: 403 }, tiingo: t, keys: { alphavantage: true }, config: { yahoo: { timeoutMs: 200, connectTimeoutMs: 100, retries: 0 } } });
      const svc = await h.service();
      const r = await svc.refreshQuotes(['MSFT']);
      expect(r.failed).toEqual([]);
      expect(source('MSFT')).toBe('alphavantage');
      await h.close();
      h = undefined;
    }
  });

  it('alphavantage Note body (old per-minute limit) and bad key: failures, not prices', async () => {
    h = await chainHarness({ yahoo: { failRate: 1, failStatus: 403 }, keys: { tiingo: false, alphavantage: true }, av: { rateLimitBody: true, rateLimitKind: 'note' } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['MSFT']);
    expect(r.fetched).toBe(0);
    expect(r.failed[0]?.message).toContain('alphavantage refused: Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute');
    h.clock.advance(11 * 60_000);
    h.av.set({ rateLimitBody: false, badKey: true });
    const again = await svc.refreshQuotes(['MSFT']);
    expect(again.failed[0]?.message).toContain('alphavantage refused the API key');
    expect(again.failed[0]?.message).not.toContain(h.av.switches.key);
  });

  it('a price that is not finite or not positive is refused and the next provider asked', async () => {
    h = await chainHarness({ yahoo: { priceOverrides: { AAPL: -5 }, nullPriceSymbols: ['GOOGL'] } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'GOOGL']);
    expect(r.failed).toEqual([]);
    expect([source('AAPL'), source('GOOGL')]).toEqual(['tiingo', 'tiingo']);
  });
});
