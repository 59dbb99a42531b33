import { describe, expect, it } from 'vitest';
import { computeHoldings } from '../../src/core/holdings.js';
import type { Transaction } from '../../src/core/types.js';

const base = { symbol: 'A', quantity: null, price: null, amount: null, fee: 0, currency: 'USD', account: 'x', note: null, ratio: null };

describe('holdings through splits', () => {
  it("keeps fractional precision over several splits (Ghostfolio's worked case)", () => {
    const txs: Transaction[] = [
      { ...base, id: 1, date: '2024-01-02', type: 'buy', quantity: 20, price: 30 },
      { ...base, id: 2, date: '2024-02-01', type: 'split', ratio: '1:3' },
    ];
    const p = computeHoldings(txs).positions.get('A');
    expect(p?.quantity).toBe(6.666666666666667);
    expect(p?.lots[0]?.quantity).toBe(6.666666666666667);
    expect(p?.accounts.get('x')).toBe(6.666666666666667);
    const again = computeHoldings([...txs, { ...base, id: 3, date: '2024-03-01', type: 'split', ratio: '3:1' }]).positions.get('A');
    expect(again?.quantity).toBe(20);
  });

  it('names a ratio that is not N:M and keeps the quantity', () => {
    const r = computeHoldings([
      { ...base, id: 1, date: '2024-01-02', type: 'buy', quantity: 10, price: 1 },
      { ...base, id: 2, date: '2024-02-01', type: 'split', ratio: '2/1' },
    ]);
    expect(r.positions.get('A')?.quantity).toBe(10);
    expect(r.problems.map((p) => p.message)).toEqual(['split ratio "2/1" is not N:M']);
  });
});
