import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHoldingsReport } from '../../src/ledger/holdings-report.js';
import { openDb, type Db } from '../../src/store/db.js';
import { setManualCloses } from '../../src/store/prices.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { tempDir } from '../helpers/tmp.js';
import { tx } from '../returns/helpers.js';

const NOW = new Date('2024-06-05T15:00:00.000Z');

function db(): Db {
  return openDb(join(tempDir(), 'portfolio.db'));
}
function quote(d: Db, symbol: string, price: number, previousClose: number | null, currency = 'USD', ageSeconds = 60): void {
  d.prepare(
    `INSERT OR REPLACE INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
     VALUES (?, ?, ?, ?, ?, ?, 'REGULAR', 'America/New_York', ?, 'yahoo')`,
  ).run(symbol, price, previousClose, currency, `${symbol} Inc.`, new Date(NOW.getTime() - ageSeconds * 1000).toISOString(), new Date(NOW.getTime() - ageSeconds * 1000).toISOString());
}
function close(d: Db, symbol: string, date: string, value: number): void {
  d.prepare(`INSERT INTO daily_closes (symbol, date, close, source) VALUES (?, ?, ?, 'tiingo')
    ON CONFLICT(symbol, date) DO UPDATE SET close = excluded.close`).run(symbol, date, value);
}
const report = (d: Db, costMethod: 'avg' | 'fifo' = 'avg') => buildHoldingsReport(d, { baseCurrency: 'USD', costMethod, now: NOW, ttlSeconds: 300 });

describe('buildHoldingsReport', () => {
  it('returns the contract shape with values from the cached quote', () => {
    const d = db();
    insertTransactions(d, [tx({ date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 10, price: 100 })]);
    quote(d, 'AAPL', 120, 118);
    const r = report(d);
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['asOf', 'baseCurrency', 'totals', 'holdings', 'warnings']));
    expect(Object.keys(r.totals)).toEqual(expect.arrayContaining(['marketValue', 'costBasis', 'unrealizedGain', 'realizedGain', 'dividends', 'fees', 'cash', 'dayChange']));
    const h = r.holdings[0]!;
    for (const k of ['symbol', 'quantity', 'currency', 'price', 'priceTime', 'ageSeconds', 'stale', 'marketValue', 'costBasis', 'averageCost', 'unrealizedGain', 'realizedGain', 'dayChange', 'weight']) {
      expect(h).toHaveProperty(k);
    }
    expect(r.asOf).toBe(NOW.toISOString());
    expect(h).toMatchObject({ symbol: 'AAPL', quantity: 10, price: 120, marketValue: 1200, costBasis: 1000, averageCost: 100, unrealizedGain: 200, dayChange: 20, weight: 1, stale: false, freshness: 'fresh', name: 'AAPL Inc.' });
    expect(h.ageSeconds).toBeCloseTo(60, 0);
    expect(r.totals).toMatchObject({ marketValue: 1200, costBasis: 1000, unrealizedGain: 200, dayChange: 20 });
    expect(r.warnings).toEqual([]);
  });

  it('converts cost at the FX close of the trade date and value at the latest rate', () => {
    const d = db();
    insertTransactions(d, [tx({ date: '2024-01-03', type: 'buy', symbol: 'SAP.DE', quantity: 10, price: 100, currency: 'EUR' })]);
    close(d, 'EURUSD=X', '2024-01-02', 1.1); // 01-03 has no close: the one on or before is used
    close(d, 'EURUSD=X', '2024-06-03', 1.2);
    quote(d, 'EURUSD=X', 1.25, 1.2);
    quote(d, 'SAP.DE', 130, 128, 'EUR');
    const h = report(d).holdings[0]!;
    expect(h.costBasis).toBeCloseTo(1100, 9);
    expect(h.averageCost).toBeCloseTo(100, 9); // in EUR
    expect(h.marketValue).toBeCloseTo(10 * 130 * 1.25, 9);
    expect(h.unrealizedGain).toBeCloseTo(1625 - 1100, 9);
    expect(h.dayChange).toBeCloseTo(10 * 2 * 1.25, 9);
  });

  it('uses the inverse pair when only BASE+FROM=X is cached', () => {
    const d = db();
    insertTransactions(d, [tx({ date: '2024-01-03', type: 'buy', symbol: 'SAP.DE', quantity: 10, price: 100, currency: 'EUR' })]);
    close(d, 'USDEUR=X', '2024-01-03', 0.8);
    close(d, 'SAP.DE', '2024-06-04', 110);
    const r = report(d);
    expect(r.holdings[0]!.costBasis).toBeCloseTo(1250, 9);
    expect(r.holdings[0]!.marketValue).toBeCloseTo(1375, 9);
  });

  it('warns about a missing FX pair instead of assuming 1.0', () => {
    const d = db();
    insertTransactions(d, [
      tx({ date: '2024-01-03', type: 'buy', symbol: 'VOD.L', quantity: 100, price: 0.7, currency: 'GBP' }),
      tx({ date: '2024-01-03', type: 'buy', symbol: 'AAPL', quantity: 1, price: 100 }),
    ]);
    close(d, 'VOD.L', '2024-06-04', 0.75);
    quote(d, 'AAPL', 110, null);
    const r = report(d);
    const vod = r.holdings.find((h) => h.symbol === 'VOD.L')!;
    expect(vod.marketValue).toBeNull();
    expect(vod.costBasis).toBeNull();
    expect(vod.price).toBe(0.75);
    expect(r.totals.marketValue).toBe(110);
    expect(r.totals.costBasis).toBe(100);
    expect(r.totals.unrealizedGainPct).toBeCloseTo(0.1, 12);
    expect(r.warnings.join('\n')).toMatch(/no FX rate for GBP->USD \(GBPUSD=X\)/);
  });

  it('leaves fully sold holdings out of the rows but counts their realized gain', () => {
    const d = db();
    insertTransactions(d, [
      tx({ date: '2024-01-02', type: 'buy', symbol: 'X', quantity: 10, price: 100 }),
      tx({ date: '2024-01-03', type: 'split', symbol: 'X', ratio: '2:1' }),
      tx({ date: '2024-01-04', type: 'sell', symbol: 'X', quantity: 20, price: 60, fee: 10 }),
      tx({ date: '2024-01-02', type: 'buy', symbol: 'Y', quantity: 1, price: 5 }),
    ]);
    close(d, 'Y', '2024-06-04', 6);
    const r = report(d);
    expect(r.holdings.map((h) => h.symbol)).toEqual(['Y']);
    expect(r.totals.realizedGain).toBe(1200 - 10 - 1000);
    expect(r.totals.fees).toBe(10);
  });

  it('falls back to the last two closes, and a manual close wins over a fetched one', () => {
    const d = db();
    insertTransactions(d, [tx({ date: '2024-01-02', type: 'buy', symbol: 'HOUSE', quantity: 2, price: 50 })]);
    close(d, 'HOUSE', '2024-06-03', 60);
    close(d, 'HOUSE', '2024-06-04', 62);
    let h = report(d).holdings[0]!;
    expect(h).toMatchObject({ price: 62, dayChange: 4, priceSource: 'tiingo', stale: true, freshness: 'stale', priceTime: '2024-06-04T00:00:00.000Z' });
    setManualCloses(d, [{ symbol: 'HOUSE', date: '2024-06-04', close: 70 }]);
    h = report(d).holdings[0]!;
    expect(h).toMatchObject({ price: 70, dayChange: 20, priceSource: 'manual', marketValue: 140 });
  });

  it('prices from the newest of the quote and the closes: a close newer than a days-old quote wins', () => {
    const d = db();
    insertTransactions(d, [tx({ date: '2024-01-02', type: 'buy', symbol: 'OLD', quantity: 2, price: 50 })]);
    quote(d, 'OLD', 55, 54, 'USD', 3 * 86_400); // taken 2024-06-02
    close(d, 'OLD', '2024-06-01', 54);
    close(d, 'OLD', '2024-06-02', 55);
    expect(report(d).holdings[0]).toMatchObject({ price: 55, priceSource: 'yahoo' });
    // History brought in by a later warm is newer than the quote: it is the price now.
    close(d, 'OLD', '2024-06-03', 58);
    close(d, 'OLD', '2024-06-04', 61);
    expect(report(d).holdings[0]).toMatchObject({ price: 61, dayChange: 6, priceSource: 'tiingo', marketValue: 122 });
    // A fresh quote is newer again.
    quote(d, 'OLD', 63, 61);
    expect(report(d).holdings[0]).toMatchObject({ price: 63, dayChange: 4, priceSource: 'yahoo' });
  });

  it('marks a never-priced holding as missing and says so', () => {
    const d = db();
    insertTransactions(d, [tx({ date: '2024-01-02', type: 'buy', symbol: 'NEW', quantity: 3, price: 10 })]);
    const r = report(d);
    expect(r.holdings[0]).toMatchObject({ price: null, priceTime: null, ageSeconds: null, stale: true, freshness: 'missing', marketValue: null, costBasis: 30, weight: null });
    expect(r.warnings.join('\n')).toMatch(/no price cached for NEW/);
  });

  it('sums cash of cash-tracking accounts and weights by market value', () => {
    const d = db();
    insertTransactions(d, [
      tx({ date: '2024-01-01', type: 'deposit', amount: 5000, account: 'broker' }),
      tx({ date: '2024-01-02', type: 'buy', symbol: 'A', quantity: 10, price: 100, fee: 5, account: 'broker' }),
      tx({ date: '2024-01-02', type: 'buy', symbol: 'B', quantity: 10, price: 100, account: 'ira' }),
      tx({ date: '2024-03-01', type: 'dividend', symbol: 'A', amount: 25, account: 'broker' }),
    ]);
    quote(d, 'A', 150, 150);
    quote(d, 'B', 50, 50);
    const r = report(d);
    expect(r.totals.cash).toBe(5000 - 1005 + 25);
    expect(r.totals.dividends).toBe(25);
    expect(r.holdings.map((h) => h.weight)).toEqual([0.75, 0.25]);
    expect(r.holdings.map((h) => h.accounts)).toEqual([[{ account: 'broker', quantity: 10 }], [{ account: 'ira', quantity: 10 }]]);
    expect(r.totals.totalValue).toBe(2000 + 4020);
  });

  it('FIFO and average cost differ as computed by hand', () => {
    const d = db();
    insertTransactions(d, [
      tx({ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: 10, price: 10 }),
      tx({ date: '2024-02-01', type: 'buy', symbol: 'A', quantity: 10, price: 20 }),
      tx({ date: '2024-03-01', type: 'sell', symbol: 'A', quantity: 15, price: 30 }),
    ]);
    quote(d, 'A', 30, 30);
    expect(report(d, 'avg').holdings[0]).toMatchObject({ costBasis: 75, averageCost: 15, realizedGain: 225 });
    expect(report(d, 'fifo').holdings[0]).toMatchObject({ costBasis: 100, averageCost: 20, realizedGain: 250 });
  });
});
