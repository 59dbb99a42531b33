import { describe, expect, it } from 'vitest';
import { isoToDay } from '../../src/core/dates.js';
import { resolvePeriod, type Period } from '../../src/core/periods.js';
import { accountScopes, loadPerfData, portfolioScope, symbolScopes } from '../../src/returns/engine.js';
import { periodResult } from '../../src/returns/report.js';
import { portfolioSeries, symbolSeries } from '../../src/returns/series.js';
import { addCloses, addTxs, tempDb, tx } from './helpers.js';

const custom = (from: string, to: string): Period => ({ name: 'custom', from: isoToDay(from), to: isoToDay(to) });

function result(db: ReturnType<typeof tempDb>['db'], from: string, to: string, base = 'USD') {
  const data = loadPerfData(db, { to, baseCurrency: base });
  return periodResult(data, portfolioScope(data), custom(from, to));
}

/** Deposit 1,000, buy 10 AAA at 50, withdraw 200; AAA closes 50, 55, 60 (values 1000, 1000, 1050, 900). */
function depositBuyWithdraw(db: ReturnType<typeof tempDb>['db']): void {
  addTxs(db, [
    tx({ date: '2024-01-01', type: 'deposit', amount: 1000 }),
    tx({ date: '2024-01-02', type: 'buy', symbol: 'AAA', quantity: 10, price: 50 }),
    tx({ date: '2024-01-04', type: 'withdrawal', amount: 200 }),
  ]);
  addCloses(db, [
    ['AAA', '2024-01-02', 50],
    ['AAA', '2024-01-03', 55],
    ['AAA', '2024-01-04', 60],
  ]);
}

describe('performance over a cash-tracking account', () => {
  it('chains daily with the deposit at the start and the withdrawal at the end of their days', () => {
    const { db } = tempDb();
    depositBuyWithdraw(db);
    // Values at the close: 1000 (cash), 500+500, 500+550, 300+600.
    // Daily factors: 1000/1000, 1000/1000, 1050/1000, (900+200)/1050 -> 1.05 * 1100/1050 = 1.10.
    const r = result(db, '2024-01-01', '2024-01-04');
    expect(r.startValue).toBe(0);
    expect(r.endValue).toBeCloseTo(900, 9);
    expect(r.netFlows).toBeCloseTo(800, 9);
    expect(r.gain).toBeCloseTo(100, 9);
    expect(r.twr).toBeCloseTo(0.1, 12);
    expect(r.warnings).toEqual([]);

    // A sub-period starting from the close of 01-02 (value 1000).
    const sub = result(db, '2024-01-03', '2024-01-04');
    expect(sub.startValue).toBeCloseTo(1000, 9);
    expect(sub.twr).toBeCloseTo(0.1, 12);
    expect(sub.days).toBe(2);
    // XIRR: -1000 on 01-02, +200 on 01-04, +900 on 01-04 -> (1100/1000)^(365/2) - 1.
    expect(sub.irr as number).toBeCloseTo(Math.pow(1.1, 365 / 2) - 1, 0);
    expect((sub.irr as number) / (Math.pow(1.1, 365 / 2) - 1)).toBeCloseTo(1, 10);
  });
});

describe('performance over an account without cash', () => {
  it('counts buys in (cost + fee), sells out (proceeds - fee) and dividends out', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-01-02', type: 'buy', symbol: 'AAA', quantity: 10, price: 50, fee: 1 }),
      tx({ date: '2024-01-04', type: 'sell', symbol: 'AAA', quantity: 5, price: 60, fee: 1 }),
      tx({ date: '2024-01-05', type: 'dividend', symbol: 'AAA', amount: 10 }),
    ]);
    addCloses(db, [
      ['AAA', '2024-01-02', 50],
      ['AAA', '2024-01-03', 55],
      ['AAA', '2024-01-04', 60],
    ]);
    // Day 01-02: 501 in at the start, worth 500 at the close: 500/501.
    // Day 01-03: 550/500. Day 01-04: 5 sold, 299 out at the end: (300 + 299)/550.
    // Day 01-05: no close, price stays 60; dividend 10 out: (300 + 10)/300.
    const expected = (500 / 501) * (550 / 500) * (599 / 550) * (310 / 300) - 1;
    const r = result(db, '2024-01-01', '2024-01-05');
    expect(r.twr).toBeCloseTo(expected, 12);
    expect(r.inflows).toBeCloseTo(501, 9);
    expect(r.outflows).toBeCloseTo(309, 9);
    expect(r.endValue).toBeCloseTo(300, 9);
    expect(r.gain).toBeCloseTo(300 - 501 + 309, 9);
    expect(r.dividends).toBeCloseTo(10, 9);
    expect(r.fees).toBeCloseTo(2, 9);
    expect(r.twrAnnualized as number).toBeCloseTo(Math.pow(1 + expected, 365 / 5) - 1, 9);
  });

  it('applies a split to the quantity from its day on', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-03-01', type: 'buy', symbol: 'SPL', quantity: 10, price: 100 }),
      tx({ date: '2024-03-04', type: 'split', symbol: 'SPL', ratio: '2:1' }),
    ]);
    addCloses(db, [
      ['SPL', '2024-03-01', 100],
      ['SPL', '2024-03-01', 100],
      ['SPL', '2024-03-04', 55],
    ]);
    const r = result(db, '2024-03-01', '2024-03-04');
    expect(r.endValue).toBeCloseTo(20 * 55, 9);
    expect(r.twr).toBeCloseTo(0.1, 12);
  });
});

describe('splits with closes stored as traded', () => {
  it('values the holding continuously across a 10:1 split', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-06-03', type: 'buy', symbol: 'NVDA', quantity: 10, price: 1000 }),
      tx({ date: '2024-06-10', type: 'split', symbol: 'NVDA', ratio: '10:1' }),
    ]);
    // The market layer stores closes as traded (Yahoo's split adjustment undone).
    addCloses(db, [
      ['NVDA', '2024-06-03', 1000],
      ['NVDA', '2024-06-07', 1100],
      ['NVDA', '2024-06-10', 112],
      ['NVDA', '2024-06-11', 115],
    ]);
    const data = loadPerfData(db, { to: '2024-06-11', baseCurrency: 'USD' });
    const series = portfolioScope(data);
    const at = (iso: string) => series.value[isoToDay(iso) - data.start];
    expect(at('2024-06-07')).toBeCloseTo(11_000, 9);
    expect(at('2024-06-10')).toBeCloseTo(11_200, 9);
    expect(periodResult(data, series, custom('2024-06-03', '2024-06-11')).twr).toBeCloseTo(0.15, 12);
  });
});

describe('FX, accounts, symbols and warnings', () => {
  it('values a foreign holding at each day’s FX close and its flows at the FX close of their date', () => {
    const { db } = tempDb();
    addTxs(db, [tx({ date: '2024-05-01', type: 'buy', symbol: 'SAP.DE', quantity: 2, price: 100, currency: 'EUR' })]);
    addCloses(db, [
      ['SAP.DE', '2024-05-01', 100],
      ['SAP.DE', '2024-05-02', 110],
      ['EURUSD=X', '2024-04-30', 1.1],
      ['EURUSD=X', '2024-05-02', 1.2],
    ]);
    const r = result(db, '2024-05-01', '2024-05-02');
    expect(r.inflows).toBeCloseTo(220, 9); // 200 EUR at 1.10
    expect(r.endValue).toBeCloseTo(2 * 110 * 1.2, 9);
    expect(r.twr).toBeCloseTo((264 / 220) * 1 - 1, 12);
    // In a EUR base the same holding needs no FX at all.
    const eur = result(db, '2024-05-01', '2024-05-02', 'EUR');
    expect(eur.endValue).toBeCloseTo(220, 9);
    expect(eur.warnings).toEqual([]);
  });

  it('uses the inverse pair (EURUSD=X) to price USD in a EUR base', () => {
    const { db } = tempDb();
    addTxs(db, [tx({ date: '2024-05-01', type: 'buy', symbol: 'AAPL', quantity: 1, price: 110 })]);
    addCloses(db, [
      ['AAPL', '2024-05-01', 110],
      ['EURUSD=X', '2024-05-01', 1.1],
      ['EURUSD=X', '2024-05-02', 1.25],
    ]);
    const r = result(db, '2024-05-01', '2024-05-02', 'EUR');
    expect(r.inflows).toBeCloseTo(100, 9);
    expect(r.endValue).toBeCloseTo(88, 9);
  });

  it('warns (never a silent zero) when a held symbol has no close or no FX', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-05-01', type: 'buy', symbol: 'NOPX', quantity: 3, price: 10 }),
      tx({ date: '2024-05-01', type: 'buy', symbol: 'BMW.DE', quantity: 1, price: 80, currency: 'EUR' }),
    ]);
    addCloses(db, [['BMW.DE', '2024-05-01', 80]]);
    const r = result(db, '2024-05-01', '2024-05-03');
    expect(r.endValue).toBeCloseTo(30, 9); // NOPX at its trade price; BMW.DE left out, loudly
    expect(r.warnings.join('\n')).toMatch(/NOPX: no close on or before 2024-05-01\.\.2024-05-03/);
    expect(r.warnings.join('\n')).toMatch(/EURUSD=X: no FX rate/);
  });

  it('breaks down by account (each under its own rule) and by symbol, summing to the whole', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-01-01', type: 'deposit', amount: 1000, account: 'broker' }),
      tx({ date: '2024-01-02', type: 'buy', symbol: 'AAA', quantity: 10, price: 50, account: 'broker' }),
      tx({ date: '2024-01-02', type: 'buy', symbol: 'BBB', quantity: 4, price: 25, account: 'ira' }),
    ]);
    addCloses(db, [
      ['AAA', '2024-01-02', 50],
      ['AAA', '2024-01-03', 60],
      ['BBB', '2024-01-02', 25],
      ['BBB', '2024-01-03', 20],
    ]);
    const data = loadPerfData(db, { to: '2024-01-03', baseCurrency: 'USD' });
    const p = custom('2024-01-01', '2024-01-03');
    const accounts = accountScopes(data).map((a) => ({ name: a.name, r: periodResult(data, a.series, p) }));
    expect(accounts.map((a) => a.name)).toEqual(['broker', 'ira']);
    expect(accounts[0]?.r.endValue).toBeCloseTo(1100, 9);
    expect(accounts[0]?.r.netFlows).toBeCloseTo(1000, 9);
    expect(accounts[1]?.r.netFlows).toBeCloseTo(100, 9);
    expect(accounts[1]?.r.twr).toBeCloseTo(-0.2, 12);
    const whole = periodResult(data, portfolioScope(data), p);
    expect(whole.endValue).toBeCloseTo(1180, 9);
    const symbols = [...symbolScopes(data)].map((s) => ({ name: s.name, r: periodResult(data, s.series, p) }));
    expect(symbols.map((s) => s.name)).toEqual(['AAA', 'BBB']);
    expect(symbols[0]?.r.twr).toBeCloseTo(0.2, 12);
  });

  it('resolves YTD from the close of Dec 31', () => {
    const { db } = tempDb();
    addTxs(db, [tx({ date: '2023-12-01', type: 'buy', symbol: 'AAA', quantity: 1, price: 100 })]);
    addCloses(db, [
      ['AAA', '2023-12-01', 100],
      ['AAA', '2023-12-29', 120], // Friday; Dec 31 (Sunday) carries it
      ['AAA', '2024-01-02', 132],
    ]);
    const data = loadPerfData(db, { to: '2024-01-05', baseCurrency: 'USD' });
    const r = periodResult(data, portfolioScope(data), resolvePeriod('YTD', isoToDay('2024-01-05'), data.inception));
    expect(r.from).toBe('2024-01-01');
    expect(r.startValue).toBe(120);
    expect(r.twr).toBeCloseTo(0.1, 12);
  });
});

describe('series API', () => {
  it('gives the value and net contributions per day, and a symbol’s forward-filled closes', () => {
    const { db } = tempDb();
    depositBuyWithdraw(db);
    const s = portfolioSeries(db, { from: '2024-01-01', to: '2024-01-05', baseCurrency: 'USD' });
    expect([...s.days]).toEqual([0, 1, 2, 3, 4].map((k) => isoToDay('2024-01-01') + k));
    expect([...s.value]).toEqual([1000, 1000, 1050, 900, 900]);
    expect([...s.netContributions]).toEqual([1000, 1000, 1000, 800, 800]);
    const c = symbolSeries(db, 'AAA', '2024-01-01', '2024-01-05');
    expect([...c.close].slice(1)).toEqual([50, 55, 60, 60]);
    expect(Number.isNaN(c.close[0])).toBe(true);
  });

  it('charts a symbol split-adjusted: closes before a split divided by its ratio, from the provider or else the ledger', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-01-02', type: 'buy', symbol: 'AAA', quantity: 10, price: 400 }),
      tx({ date: '2024-01-04', type: 'split', symbol: 'AAA', ratio: '4:1' }),
    ]);
    addCloses(db, [
      ['AAA', '2024-01-02', 400],
      ['AAA', '2024-01-03', 404],
      ['AAA', '2024-01-04', 102],
    ]);
    // No provider event: the ledger's split is used.
    const adjusted = symbolSeries(db, 'AAA', '2024-01-02', '2024-01-05');
    expect(adjusted.splitAdjusted).toBe(true);
    expect([...adjusted.close]).toEqual([100, 101, 102, 102]);
    // As traded, on request.
    expect([...symbolSeries(db, 'AAA', '2024-01-02', '2024-01-05', { splitAdjusted: false }).close]).toEqual([400, 404, 102, 102]);
    // A provider event wins over the ledger (here it says 2:1 on the same day).
    db.prepare("INSERT INTO market_events (symbol, date, kind, numerator, denominator) VALUES ('AAA', '2024-01-04', 'split', 2, 1)").run();
    expect([...symbolSeries(db, 'AAA', '2024-01-02', '2024-01-05').close]).toEqual([200, 202, 102, 102]);
  });
});
