import { describe, expect, it } from 'vitest';
import { averageCost, computeHoldings } from '../../src/core/holdings.js';
import { splitFactor } from '../../src/core/split-ratio.js';
import type { Transaction, TxType } from '../../src/core/types.js';

let nextId = 1;
function tx(date: string, type: TxType, fields: Partial<Transaction> = {}): Transaction {
  return { id: nextId++, date, type, symbol: null, quantity: null, price: null, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null, ...fields };
}
const buy = (date: string, symbol: string, quantity: number, price: number, fee = 0, extra: Partial<Transaction> = {}) =>
  tx(date, 'buy', { symbol, quantity, price, fee, ...extra });
const sell = (date: string, symbol: string, quantity: number, price: number, fee = 0, extra: Partial<Transaction> = {}) =>
  tx(date, 'sell', { symbol, quantity, price, fee, ...extra });
const split = (date: string, symbol: string, ratio: string) => tx(date, 'split', { symbol, ratio });

describe('computeHoldings: worked cases', () => {
  it("Ghostfolio's split case: 10 @ 100, 2:1 split, sell 5 @ 60", () => {
    const afterSplit = computeHoldings([buy('2024-01-01', 'X', 10, 100), split('2024-01-02', 'X', '2:1')]);
    const p1 = afterSplit.positions.get('X')!;
    expect(p1.quantity).toBe(20);
    expect(averageCost(p1)).toBe(50);
    expect(p1.cost).toBe(1000);

    const r = computeHoldings([buy('2024-01-01', 'X', 10, 100), split('2024-01-02', 'X', '2:1'), sell('2024-01-03', 'X', 5, 60)]);
    const p = r.positions.get('X')!;
    expect(p.quantity).toBe(15);
    expect(p.cost).toBe(750);
    expect(p.realized).toBe(50); // 5*60 - 5*50
    expect(r.problems).toEqual([]);
  });

  it.each([
    // method, remaining qty, remaining cost, realized
    ['avg', 5, 75, 225], // avg 15; 15 sold cost 225; proceeds 450
    ['fifo', 5, 100, 250], // sold 10@10 + 5@20 = 200; left 5@20
  ] as const)('%s on a multi-lot case (10@10, 10@20, sell 15@30)', (method, qty, cost, realized) => {
    const r = computeHoldings([buy('2024-01-01', 'A', 10, 10), buy('2024-02-01', 'A', 10, 20), sell('2024-03-01', 'A', 15, 30)], { costMethod: method });
    const p = r.positions.get('A')!;
    expect(p.quantity).toBe(qty);
    expect(p.cost).toBeCloseTo(cost, 10);
    expect(p.realized).toBeCloseTo(realized, 10);
  });

  it('FIFO across three lots with a split in between', () => {
    // 10@10, 10@20, 4:1 split -> lots 40@2.5 (100), 40@5 (200); sell 60@4 -> 40 from lot1 (100) + 20 from lot2 (100)
    const r = computeHoldings(
      [buy('2024-01-01', 'A', 10, 10), buy('2024-01-02', 'A', 10, 20), split('2024-01-03', 'A', '4:1'), sell('2024-01-04', 'A', 60, 4)],
      { costMethod: 'fifo' },
    );
    const p = r.positions.get('A')!;
    expect(p.quantity).toBe(20);
    expect(p.cost).toBeCloseTo(100, 10);
    expect(p.realized).toBeCloseTo(240 - 200, 10);
    expect(averageCost(p)).toBeCloseTo(5, 10);
  });

  it('a buy fee adds to cost, a sell fee reduces proceeds', () => {
    const r = computeHoldings([buy('2024-01-01', 'F', 10, 100, 5), sell('2024-01-02', 'F', 4, 120, 2)]);
    const p = r.positions.get('F')!;
    // cost 1005 (avg 100.5); proceeds 480-2 = 478; cost sold 402 -> realized 76
    expect(p.quantity).toBe(6);
    expect(p.cost).toBeCloseTo(603, 10);
    expect(p.realized).toBeCloseTo(76, 10);
    expect(p.fees).toBe(7);
    expect(r.feesBase).toBe(7);
  });

  it('a reverse split 1:2 halves the quantity and doubles the per-share cost', () => {
    const r = computeHoldings([buy('2024-01-01', 'R', 10, 8), split('2024-02-01', 'R', '1:2')]);
    const p = r.positions.get('R')!;
    expect(p.quantity).toBe(5);
    expect(averageCost(p)).toBe(16);
  });

  it('selling everything closes the position and keeps its realized gain', () => {
    const r = computeHoldings([buy('2024-01-01', 'C', 0.1, 10), buy('2024-01-02', 'C', 0.2, 10), sell('2024-01-03', 'C', 0.3, 20)]);
    const p = r.positions.get('C')!;
    expect(p.quantity).toBe(0);
    expect(p.lots).toEqual([]);
    expect(p.realized).toBeCloseTo(3, 10);
    expect(r.problems).toEqual([]);
  });

  it('tracks cash only in accounts with a deposit or withdrawal', () => {
    const r = computeHoldings([
      tx('2024-01-01', 'deposit', { amount: 10_000, account: 'broker' }),
      buy('2024-01-02', 'F', 10, 100, 5, { account: 'broker' }), // -1005
      tx('2024-01-03', 'dividend', { symbol: 'F', amount: 20, account: 'broker' }), // +20
      tx('2024-01-04', 'interest', { amount: 3, account: 'broker' }), // +3
      tx('2024-01-05', 'fee', { amount: 7, account: 'broker' }), // -7
      sell('2024-01-06', 'F', 4, 120, 2, { account: 'broker' }), // +478
      tx('2024-01-07', 'withdrawal', { amount: 500, account: 'broker' }), // -500
      buy('2024-01-02', 'G', 1, 50, 0, { account: 'ira' }), // no deposits: no cash tracked
    ]);
    expect(r.cash).toEqual([{ account: 'broker', currency: 'USD', amount: 8989 }]);
    expect(r.dividendsBase).toBe(20);
    expect(r.interestBase).toBe(3);
    expect(r.feesBase).toBe(5 + 7 + 2);
    expect(r.positions.get('F')!.dividends).toBe(20);
  });

  it('converts cost at the FX rate of each transaction date', () => {
    const rates: Record<string, number> = { '2024-01-02': 1.1, '2024-03-01': 1.2 };
    const r = computeHoldings([buy('2024-01-02', 'SAP.DE', 10, 100, 0, { currency: 'EUR' }), sell('2024-03-01', 'SAP.DE', 5, 120, 0, { currency: 'EUR' })], {
      baseCurrency: 'USD',
      rateAt: (c, d) => (c === 'EUR' ? rates[d] ?? NaN : NaN),
    });
    const p = r.positions.get('SAP.DE')!;
    expect(p.cost).toBeCloseTo(500, 10); // EUR
    expect(p.costBase).toBeCloseTo(550, 10); // 5 shares at 1.10
    expect(p.realized).toBeCloseTo(100, 10); // EUR 600 - 500
    expect(p.realizedBase).toBeCloseTo(720 - 550, 10);
  });

  it('a missing FX rate makes base figures NaN instead of assuming 1.0', () => {
    const r = computeHoldings([buy('2024-01-02', 'VOD.L', 100, 0.7, 0, { currency: 'GBP' })], { baseCurrency: 'USD', rateAt: () => NaN });
    const p = r.positions.get('VOD.L')!;
    expect(p.cost).toBeCloseTo(70, 10);
    expect(Number.isNaN(p.costBase)).toBe(true);
  });

  it('detects a sell of more than is held in date order, whatever the input order', () => {
    const late = buy('2024-01-10', 'O', 10, 1);
    const early = sell('2024-01-05', 'O', 5, 1);
    const r = computeHoldings([late, early]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.txId).toBe(early.id);
    expect(r.problems[0]!.message).toMatch(/sells 5 O on 2024-01-05 but only 0 are held/);

    const ok = computeHoldings([sell('2024-01-05', 'O', 5, 1), buy('2024-01-01', 'O', 10, 1)]);
    expect(ok.problems).toEqual([]);
    expect(ok.positions.get('O')!.quantity).toBe(5);
  });

  it('keeps shares per account through buys, splits and sells', () => {
    const r = computeHoldings([
      buy('2024-01-01', 'A', 10, 10, 0, { account: 'isa' }),
      buy('2024-01-02', 'A', 5, 10, 0, { account: 'broker' }),
      split('2024-01-03', 'A', '2:1'),
      sell('2024-01-04', 'A', 20, 6, 0, { account: 'isa' }),
    ]);
    expect([...r.positions.get('A')!.accounts]).toEqual([['isa', 0], ['broker', 10]]);
    expect(r.positions.get('A')!.quantity).toBe(10);
  });

  it('parses split ratios', () => {
    expect(splitFactor('4:1')).toBe(4);
    expect(splitFactor('1:2')).toBe(0.5);
    expect(splitFactor('x')).toBeNaN();
  });
});
