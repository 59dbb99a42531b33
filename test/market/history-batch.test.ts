import { afterEach, describe, expect, it } from 'vitest';
import { getCloses } from '../../src/store/prices.js';
import { getCoverage, storeHistory } from '../../src/store/quote-cache.js';
import { chainHarness, type ChainHarness } from './chain-harness.js';
import { symbolsN } from './harness.js';

let h: ChainHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Thursday 2025-03-06 22:00Z: New York closed for the day; the last closed day is 2025-03-06.
const NIGHT = '2025-03-06T22:00:00Z';

/** History covered up to `to` (no closes: the split check has nothing to compare with, unless given). */
function cover(symbols: readonly string[], to: string, close?: number) {
  const db = (h as ChainHarness).db;
  const bars = close === undefined ? [] : [{ date: to, close }];
  for (const s of symbols) storeHistory(db, { symbol: s, currency: 'USD', bars, dividends: [], splits: [] }, { from: '2025-01-01', to }, 'yahoo', new Date(NIGHT));
}

describe('closes kept current in batches', () => {
  it('200 covered symbols a day behind: 10 spark requests (20 a request), no chart, coverage to the last closed day', async () => {
    h = await chainHarness({ now: NIGHT, config: { yahoo: { requestsPerSecond: 100, concurrency: 4 } } });
    const symbols = symbolsN(200, 'T');
    cover(symbols, '2025-03-05');
    const svc = await h.service();
    const r = await svc.refreshHistory(symbols.map((symbol) => ({ symbol, from: '2025-01-01' })));
    expect(r.failed).toEqual([]);
    expect(r.fetched).toBe(200);
    expect(h.yahoo.count('spark')).toBe(10);
    expect(h.yahoo.count('chart')).toBe(0);
    expect(getCoverage(h.db, 'T0199')?.to).toBe('2025-03-06');
    expect(getCloses(h.db, 'T0199', '2025-03-06').length).toBe(1);
  });

  it('a close that jumps like a split from the stored one is not taken from spark: the chart (with its events) is asked', async () => {
    h = await chainHarness({ now: NIGHT });
    cover(['AAA'], '2025-03-05');
    // BBB's stored close is far above anything the market says: a split-like jump.
    cover(['BBB'], '2025-03-05', 1e7);
    const svc = await h.service();
    const r = await svc.refreshHistory([{ symbol: 'AAA', from: '2025-01-01' }, { symbol: 'BBB', from: '2025-01-01' }]);
    expect(r.failed).toEqual([]);
    expect(h.yahoo.count('spark')).toBe(1);
    expect(h.yahoo.requests.filter((q) => q.endpoint === 'chart').map((q) => q.symbols[0])).toEqual(['BBB']);
  });

  it('a first fill or a long gap goes per symbol; with yahoo refusing, tiingo fills it', async () => {
    h = await chainHarness({ now: NIGHT, yahoo: { failRate: 1, failStatus: 403 } });
    const svc = await h.service();
    const r = await svc.refreshHistory([{ symbol: 'AAPL', from: '2025-03-03' }]);
    expect(r.failed).toEqual([]);
    expect(h.tiingo.count('/tiingo/daily/aapl/prices')).toBe(1);
    expect(getCloses(h.db, 'AAPL').map((c) => c.close)).toEqual([148.6, 148.6, 148.6, 148.6]);
    expect(h.db.prepare("SELECT DISTINCT source FROM daily_closes WHERE symbol = 'AAPL'").all()).toEqual([{ source: 'tiingo' }]);
  });

  it("a quote taken after the close is that day's close: the next history run asks nothing", async () => {
    h = await chainHarness({ now: NIGHT });
    cover(['MSFT'], '2025-03-05');
    const svc = await h.service();
    await svc.refreshQuotes(['MSFT']);
    expect(getCoverage(h.db, 'MSFT')?.to).toBe('2025-03-06');
    h.yahoo.reset();
    const r = await svc.refreshHistory([{ symbol: 'MSFT', from: '2025-01-01' }]);
    expect(r).toMatchObject({ cached: 1, apiCalls: 0 });
    expect(h.yahoo.requests).toEqual([]);
  });
});
