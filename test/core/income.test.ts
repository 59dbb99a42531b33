import { describe, expect, it } from 'vitest';
import { computeIncome, type IncomeOptions } from '../../src/core/income.js';
import { forwardMonths, frequencyOf, projectPayments } from '../../src/core/income-forecast.js';
import type { LotTx } from '../../src/core/lots.js';

let nextId = 1;
function t(p: Partial<LotTx> & Pick<LotTx, 'date' | 'type'>): LotTx {
  return { id: nextId++, symbol: 'X', quantity: null, price: null, amount: null, fee: 0, currency: 'USD', account: 'a', note: null, ratio: null, ...p };
}
const opts = (today: string, extra: Partial<IncomeOptions> = {}): IncomeOptions => ({
  by: 'year',
  today,
  rateAt: (c) => (c === 'EUR' ? 1.1 : 1),
  latestRate: (c) => (c === 'EUR' ? 1.2 : 1),
  priceOf: () => null,
  ...extra,
});

describe('income', () => {
  it('nets tax withheld (and its refund) and dividend fees out of gross dividends, in the base currency', () => {
    const r = computeIncome([
      t({ date: '2024-01-02', type: 'buy', quantity: 100, price: 10, currency: 'EUR' }),
      t({ date: '2024-05-10', type: 'dividend', amount: 50, currency: 'EUR', fee: 1 }),
      t({ date: '2024-05-10', type: 'tax', amount: 13.19, currency: 'EUR' }),
      t({ date: '2024-07-01', type: 'tax_refund', amount: 5.69, currency: 'EUR' }),
      t({ date: '2024-08-01', type: 'tax', symbol: null, amount: 100, currency: 'USD' }), // not withholding
      t({ date: '2024-09-01', type: 'interest', symbol: null, amount: 10 }),
    ], opts('2024-12-31'));
    expect(r.rows).toHaveLength(1);
    const y = r.rows[0];
    expect(y?.dividends).toBeCloseTo(55, 9);
    expect(y?.taxWithheld).toBeCloseTo(7.5 * 1.1, 9);
    expect(y?.fees).toBeCloseTo(1.1, 9);
    expect(y?.interest).toBe(10);
    expect(y?.net).toBeCloseTo(55 + 10 - 8.25 - 1.1, 9);
    expect(r.symbols[0]).toMatchObject({ symbol: 'X', shares: 100, frequency: 'annual', lastPerShare: 0.5 });
    // Annual payer: next payment 2025-05-10, 0.5 EUR x 100 shares at the latest rate 1.2.
    expect(r.forward12m.payments).toEqual([expect.objectContaining({ date: '2025-05-10', amount: expect.closeTo(60, 9) })]);
    expect(r.forward12m.months.find((m) => m.month === '2025-05')?.amount).toBeCloseTo(60, 9);
    expect(r.forward12m.total).toBeCloseTo(60, 9);
  });

  it('follows a rename and a transfer: history and shares carry over', () => {
    const r = computeIncome([
      t({ date: '2024-01-02', type: 'buy', symbol: 'FB', quantity: 10, price: 100 }),
      t({ date: '2024-03-01', type: 'dividend', symbol: 'FB', amount: 10 }),
      t({ date: '2024-04-01', type: 'rename', symbol: 'FB', toSymbol: 'META', ratio: '2:1' }),
      t({ date: '2024-05-01', type: 'transfer', symbol: 'META', quantity: 5, toAccount: 'b' }),
      t({ date: '2024-06-01', type: 'dividend', symbol: 'META', amount: 10 }),
    ], opts('2024-06-15'));
    const meta = r.symbols.find((s) => s.symbol === 'META');
    // 1 per FB share = 0.5 per META share; then 10 / 20 = 0.5: quarterly.
    expect(meta).toMatchObject({ shares: 20, frequency: 'quarterly', lastPerShare: 0.5, perShareTtm: 1 });
    // The window is June 2024 to May 2025: 2025-06-01 falls outside it.
    expect(r.forward12m.payments.map((p) => p.date)).toEqual(['2024-09-01', '2024-12-01', '2025-03-01']);
    expect(r.forward12m.total).toBeCloseTo(30, 9);
  });

  it('a holding that missed a payment is suspended; a sold-out one expects nothing', () => {
    const pays = [{ date: '2023-03-01', perShare: 1, currency: 'USD' }, { date: '2023-06-01', perShare: 1, currency: 'USD' }];
    expect(frequencyOf(pays)).toBe('quarterly');
    expect(projectPayments('X', pays, 10, '2023-10-15', '2024-09-30', () => 1)).toHaveLength(0);
    expect(projectPayments('X', pays, 10, '2023-06-15', '2024-05-31', () => 1).map((p) => p.date)).toEqual(['2023-09-01', '2023-12-01', '2024-03-01']);
    expect(projectPayments('X', pays, 0, '2023-06-15', '2024-05-31', () => 1)).toHaveLength(0);
    expect(forwardMonths('2024-11-30')).toMatchObject({ horizonEnd: '2025-10-31' });
  });
});
