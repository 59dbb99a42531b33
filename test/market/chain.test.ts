import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { recentRejections } from '../../src/store/provider-records.js';
import { getQuotes } from '../../src/store/prices.js';
import { chainHarness, type ChainHarness } from './chain-harness.js';
import { symbolsN } from './harness.js';

let h: ChainHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sources = (symbols: string[]) => {
  const q = getQuotes((h as ChainHarness).db, symbols);
  return Object.fromEntries(symbols.map((s) => [s, q.get(s)?.source ?? null]));
};

describe('provider chain: order and fallback', () => {
  it('defaults: yahoo for stocks and crypto, ecb for FX; nothing reaches a fallback while yahoo answers', async () => {
    h = await chainHarness();
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'BTC-USD', 'EURUSD=X', 'GBPUSD=X']);
    expect(r.failed).toEqual([]);
    expect(sources(['AAPL', 'BTC-USD', 'EURUSD=X', 'GBPUSD=X'])).toEqual({ AAPL: 'yahoo', 'BTC-USD': 'yahoo', 'EURUSD=X': 'ecb', 'GBPUSD=X': 'ecb' });
    expect(r.sources).toEqual({ yahoo: 2, ecb: 2 });
    expect(h.tiingo.count()).toBe(0);
    expect(h.gecko.count()).toBe(0);
    // The ECB's rate per EUR, crossed through EUR: 1 GBP = 1.179 / 0.8818 USD (recorded 2018-06-11 file).
    const q = getQuotes(h.db, ['EURUSD=X', 'GBPUSD=X']);
    expect(q.get('EURUSD=X')?.price).toBe(1.179);
    expect(q.get('GBPUSD=X')?.price).toBeCloseTo(1.179 / 0.8818, 12);
  });

  it('with yahoo refusing everything, stocks go to tiingo, crypto to coingecko, FX stays on ecb, in the same run', async () => {
    h = await chainHarness({ yahoo: { failRate: 1, failStatus: 403 } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'GOOGL', 'BRK.B', 'BTC-USD', 'ETH-USD', 'EURUSD=X']);
    expect(r.failed).toEqual([]);
    expect(sources(['AAPL', 'GOOGL', 'BRK.B', 'BTC-USD', 'ETH-USD', 'EURUSD=X'])).toEqual({
      AAPL: 'tiingo', GOOGL: 'tiingo', 'BRK.B': 'tiingo', 'BTC-USD': 'coingecko', 'ETH-USD': 'coingecko', 'EURUSD=X': 'ecb',
    });
    const q = getQuotes(h.db, ['AAPL', 'BTC-USD']);
    expect(q.get('AAPL')?.price).toBe(148.6); // recorded tngoLast
    expect(q.get('BTC-USD')?.price).toBe(5005.73); // recorded simple/price
    // One batch request each: tiingo /iex with all three tickers (BRK.B in its dash form), one simple/price.
    expect(h.tiingo.count('/iex')).toBe(1);
    expect(h.tiingo.requests[0]?.query.tickers).toBe('aapl,googl,brk-b');
    expect(h.gecko.count('/simple/price')).toBe(1);
    expect(h.gecko.requests[0]?.query.ids).toBe('bitcoin,ethereum');
    // Yahoo's refusal cost a cookie, a crumb and at most two chart probes, not one request per symbol.
    expect(h.yahoo.requests.length).toBeLessThanOrEqual(4);
  });

  it('a symbol override puts its provider first with its own symbol there', async () => {
    h = await chainHarness({ config: { symbols: { MYCO: { provider: 'tiingo', symbol: 'GOOGL' } } } });
    const svc = await h.service();
    await svc.refreshQuotes(['MYCO', 'AAPL']);
    expect(sources(['MYCO', 'AAPL'])).toEqual({ MYCO: 'tiingo', AAPL: 'yahoo' });
    expect(getQuotes(h.db, ['MYCO']).get('MYCO')?.price).toBe(2880.08);
    expect(h.tiingo.requests[0]?.query.tickers).toBe('googl');
  });

  it('a per-class order from config: FX from yahoo first', async () => {
    h = await chainHarness({ config: { providers: { fx: ['yahoo', 'ecb'] } } });
    const svc = await h.service();
    await svc.refreshQuotes(['EURUSD=X']);
    expect(sources(['EURUSD=X'])).toEqual({ 'EURUSD=X': 'yahoo' });
    expect(h.ecb.count()).toBe(0);
  });

  it('no provider left: an exhausted symbol fails as temporary and says how to add a keyed fallback', async () => {
    h = await chainHarness({ yahoo: { failRate: 1, failStatus: 403 }, keys: { tiingo: false } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'BTC-USD']);
    expect(r.fetched).toBe(1);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]).toMatchObject({ symbol: 'AAPL', temporary: true, exhausted: true });
    expect(r.failed[0]?.message).toMatch(/no provider left \(yahoo: .*403/);
    expect(r.failed[0]?.message).toContain('PORTFOLIO_TIINGO_KEY');
  });

  it('alphavantage as last resort: its HTTP 200 rate-limit body is a failure, never a price', async () => {
    h = await chainHarness({ yahoo: { failRate: 1, failStatus: 403 }, keys: { tiingo: false, alphavantage: true }, av: { rateLimitBody: true } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['MSFT', 'IBM']);
    expect(r.fetched).toBe(0);
    expect(r.failed.map((f) => f.message).join('\n')).toMatch(/alphavantage: alphavantage refused: Thank you for using Alpha Vantage/);
    // The first refusal ends the run for alphavantage: IBM costs no request.
    expect(h.av.count('/query')).toBe(1);
    h.av.set({ rateLimitBody: false });
    // A provider that refused is left alone for a while: no request at all.
    const paused = await svc.refreshQuotes(['MSFT']);
    expect(paused.failed[0]?.message).toContain('not asked again for now');
    expect(h.av.count('/query')).toBe(1);
    h.clock.advance(11 * 60_000);
    const again = await svc.refreshQuotes(['MSFT']);
    expect(again.failed).toEqual([]);
    expect(getQuotes(h.db, ['MSFT']).get('MSFT')).toMatchObject({ price: 112.13, source: 'alphavantage' });
  });

  it("alphavantage's daily allowance is never exceeded", async () => {
    h = await chainHarness({ yahoo: { failRate: 1, failStatus: 403 }, keys: { tiingo: false, alphavantage: true }, config: { alphavantage: { requestsPerSecond: 100, dailyLimit: 3 } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(symbolsN(5, 'Q'));
    expect(r.fetched).toBe(3);
    expect(h.av.count('/query')).toBe(3);
    expect(r.failed.map((f) => f.message).join('\n')).toContain('3 requests a day are used up');
  });
});

describe('plausibility', () => {
  it('refuses a price more than 50% off the last close, records why, and asks the next provider', async () => {
    h = await chainHarness({ yahoo: { priceOverrides: { AAPL: 400 } } });
    h.db.prepare("INSERT INTO daily_closes (symbol, date, close, source) VALUES ('AAPL', '2025-03-04', 150, 'yahoo')").run();
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL']);
    expect(r.failed).toEqual([]);
    expect(getQuotes(h.db, ['AAPL']).get('AAPL')).toMatchObject({ price: 148.6, source: 'tiingo' });
    const rej = recentRejections(h.db, new Date(0));
    expect(rej).toHaveLength(1);
    expect(rej[0]).toMatchObject({ symbol: 'AAPL', provider: 'yahoo', price: 400 });
    expect(rej[0]?.reason).toMatch(/167% from the close of 2025-03-04 \(150\)/);
  });

  it('accepts the same jump when a split is known after the last close, and a configured share', async () => {
    h = await chainHarness({ yahoo: { priceOverrides: { AAPL: 400, MSFT: 180 } } });
    h.db.prepare("INSERT INTO daily_closes (symbol, date, close, source) VALUES ('AAPL', '2025-03-03', 100, 'yahoo'), ('MSFT', '2025-03-04', 100, 'yahoo')").run();
    h.db.prepare("INSERT INTO market_events (symbol, date, kind, numerator, denominator) VALUES ('AAPL', '2025-03-04', 'split', 1, 4)").run();
    const svc = await h.service(parseConfig({ ...JSON.parse(JSON.stringify(h.config)), maxMove: 0.9 }));
    await svc.refreshQuotes(['AAPL', 'MSFT']);
    expect(getQuotes(h.db, ['AAPL', 'MSFT']).get('AAPL')).toMatchObject({ price: 400, source: 'yahoo' });
    expect(getQuotes(h.db, ['AAPL', 'MSFT']).get('MSFT')).toMatchObject({ price: 180, source: 'yahoo' });
    expect(recentRejections(h.db, new Date(0))).toEqual([]);
  });
});

describe('request counts', () => {
  it('all FX: one ECB request a day whatever the number of pairs', async () => {
    h = await chainHarness();
    const svc = await h.service();
    const pairs = ['EUR', 'GBP', 'JPY', 'CHF', 'SEK', 'NOK', 'AUD', 'CAD'].map((c) => `${c}USD=X`);
    await svc.refreshQuotes(pairs);
    await svc.refreshQuotes(pairs, { force: true });
    h.clock.advance(3 * 3_600_000);
    await svc.refreshQuotes(pairs, { force: true });
    expect(h.ecb.count()).toBe(1);
    // After the next publication (15:00 UTC next business day) it asks again, once.
    h.clock.advance(24 * 3_600_000);
    await svc.refreshQuotes(pairs, { force: true });
    expect(h.ecb.count()).toBe(2);
  });

  it('all crypto quotes: one CoinGecko request', async () => {
    h = await chainHarness({ yahoo: { outage: '503' }, gecko: { extraPrices: { solana: { usd: 150 }, cardano: { usd: 0.5 }, '0x': { usd: 0.3 } } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['BTC-USD', 'ETH-USD', 'SOL-USD', 'ADA-USD', 'ZRX-USD', 'BTC-EUR']);
    expect(h.gecko.count('/simple/price')).toBe(1);
    expect(r.fetched).toBe(5);
    expect(r.failed.map((f) => f.symbol)).toEqual(['BTC-EUR']); // the recorded answer has no eur price
  });
});
