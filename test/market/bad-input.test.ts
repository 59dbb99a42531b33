import { afterEach, describe, expect, it } from 'vitest';
import { getQuotes } from '../../src/store/prices.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

/** Fills the cache with good quotes, then forces a refresh under a bad switch. */
async function underBadAnswer(fake: Parameters<Harness['fake']['set']>[0], symbols = ['AAPL', 'MSFT', 'SAP.DE']) {
  h = await harness({ config: { yahoo: { maxBodyBytes: 1_000_000, retries: 1 } } });
  const svc = await h.service();
  await svc.refreshQuotes(symbols);
  const before = getQuotes(h.db);
  h.fake.set(fake);
  h.clock.advance(1000);
  const r = await svc.refreshQuotes(symbols, { force: true });
  return { r, before, after: getQuotes(h.db) };
}

describe('bad answers: affected symbols fail with a reason, the cache keeps what it had', () => {
  it.each([
    ['malformed JSON', { garbage: 'json' as const }, /malformed JSON/],
    ['an HTML page with status 200', { garbage: 'html' as const }, /HTML page/],
    ['a body of many megabytes', { garbage: 'huge' as const }, /larger than 1000000 bytes/],
  ])('%s', async (_name, sw, reason) => {
    const { r, before, after } = await underBadAnswer(sw);
    expect(r.fetched).toBe(0);
    expect(r.failed.map((f) => f.symbol).sort()).toEqual(['AAPL', 'MSFT', 'SAP.DE']);
    for (const f of r.failed) expect(f.message).toMatch(reason);
    expect(after).toEqual(before);
  });

  it('null, zero and negative prices, missing fields', async () => {
    const { r, before, after } = await underBadAnswer(
      { nullPriceSymbols: ['AAPL'], priceOverrides: { MSFT: 0, 'SAP.DE': -3 }, missingFieldSymbols: ['QQQ'] },
      ['AAPL', 'MSFT', 'SAP.DE', 'QQQ', 'VOD.L'],
    );
    const reasons = Object.fromEntries(r.failed.map((f) => [f.symbol, f.message]));
    expect(reasons).toEqual({
      AAPL: 'price is null',
      MSFT: 'price is not positive (0)',
      'SAP.DE': 'price is not positive (-3)',
      QQQ: 'no price in the answer',
    });
    expect(r.fetched).toBe(1);
    for (const s of ['AAPL', 'MSFT', 'SAP.DE', 'QQQ']) expect(after.get(s)).toEqual(before.get(s));
    expect(after.get('VOD.L')?.fetchedAt).not.toBe(before.get('VOD.L')?.fetchedAt);
  });

  it('ignores an answer for a symbol nobody asked for', async () => {
    const { r, after } = await underBadAnswer({ extraSymbols: ['EVIL'] });
    expect(r.fetched).toBe(3);
    expect(after.has('EVIL')).toBe(false);
  });

  it('a 429 storm: gives up with a reason and the breaker stops the hammering', async () => {
    h = await harness();
    const svc = await h.service();
    await svc.refreshQuotes(['AAPL']); // a session exists: the storm hits the quote endpoint
    h.fake.reset();
    h.fake.set({ rate429: { rate: 1, retryAfterSeconds: 0 } });
    const r = await svc.refreshQuotes(Array.from({ length: 300 }, (_, i) => `Q${i}`));
    expect(r.fetched).toBe(0);
    expect(r.failed.length).toBe(300);
    for (const f of r.failed) expect(f.message).toMatch(/^(rate limited \(429|yahoo circuit is open)/);
    expect(r.failed.some((f) => f.message.includes('429'))).toBe(true);
    // 5 failures open the breaker; requests already admitted (concurrency 4) may still land.
    expect(h.fake.count()).toBeGreaterThanOrEqual(5);
    expect(h.fake.count()).toBeLessThanOrEqual(9);
    expect(r.circuit).toBe('open');
  });

  it('a 429 whose Retry-After is too long is not waited for', async () => {
    h = await harness({ fake: { rate429: { count: 1, retryAfterSeconds: 3600 } } });
    const t0 = performance.now();
    const r = await (await h.service()).refreshQuotes(['AAPL']);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.failed[0]?.message).toMatch(/retry after 3600 s/);
  });

  it('a hang: the request times out, the symbols fail, nothing crashes', async () => {
    h = await harness();
    const svc = await h.service();
    h.fake.set({ hang: true });
    const t0 = performance.now();
    const r = await svc.refreshQuotes(['AAPL', 'MSFT']);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.failed.map((f) => f.symbol).sort()).toEqual(['AAPL', 'MSFT']);
    expect(r.failed[0]?.message).toMatch(/no answer in time|circuit/);
    expect(r.failed[0]?.temporary).toBe(true);
  });

  it('an abort ends a hung refresh at once', async () => {
    h = await harness({ config: { yahoo: { timeoutMs: 20_000 } } });
    const svc = await h.service();
    h.fake.set({ hang: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = performance.now();
    const r = await svc.refreshQuotes(['AAPL'], { signal: ac.signal });
    expect(performance.now() - t0).toBeLessThan(200 + 50);
    expect(r.aborted).toBe(true);
    expect(r.failed).toEqual([{ symbol: 'AAPL', message: 'aborted', temporary: true }]);
  });

  it('5xx is retried with backoff', async () => {
    h = await harness({ fake: { failRate: 0.3, seed: 7 }, config: { yahoo: { retries: 5 }, breaker: { failureThreshold: 50 } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(Array.from({ length: 500 }, (_, i) => `F${i}`));
    expect(h.fake.requests.some((q) => q.status === 500)).toBe(true);
    expect(r.fetched).toBe(500);
  });
});
