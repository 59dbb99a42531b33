import { describe, expect, it } from 'vitest';
import { nextQuantity, QuantityReplay, replayQuantities, type ShareMove } from '../../src/core/quantities.js';

const tx = (type: ShareMove['type'], symbol: string | null, quantity: number | null, ratio: string | null = null): ShareMove => ({ type, symbol, quantity, ratio });

describe('the quantity replay', () => {
  it.each([
    [10, tx('buy', 'A', 5), 15],
    [10, tx('sell', 'A', 4), 6],
    [10, tx('split', 'A', null, '4:1'), 40],
    [20, tx('split', 'A', null, '1:3'), 6.666666666666667],
    [10, tx('split', 'A', null, '4/1'), 10], // not N:M: unchanged (holdings names it as a problem)
    [10, tx('dividend', 'A', null), 10],
    [10, tx('fee', 'A', null), 10],
  ])('%d then %j gives %d', (held, t, want) => {
    expect(nextQuantity(held, t)).toBe(want);
  });

  it('keeps several splits exact and drops sold-out symbols from the open ones', () => {
    const r = replayQuantities([
      tx('buy', 'A', 20),
      tx('split', 'A', null, '1:3'),
      tx('split', 'A', null, '3:1'),
      tx('buy', 'B', 0.1),
      tx('buy', 'B', 0.2),
      tx('sell', 'B', 0.3),
      tx('deposit', null, null),
    ]);
    expect(r.get('A')).toBe(20);
    expect(r.open()).toEqual(['A']);
  });

  it('keys per account when asked, and reports the quantity before each row', () => {
    const r = new QuantityReplay<ShareMove & { account: string }>((t) => `${t.account}/${t.symbol}`);
    expect(r.apply({ ...tx('buy', 'A', 10), account: 'x' })).toEqual({ before: 0, after: 10 });
    expect(r.apply({ ...tx('buy', 'A', 3), account: 'y' })).toEqual({ before: 0, after: 3 });
    expect(r.apply({ ...tx('split', 'A', null, '2:1'), account: 'x' })).toEqual({ before: 10, after: 20 });
    expect(r.apply({ ...tx('dividend', 'A', null), account: 'y' })).toEqual({ before: 3, after: 3 });
  });
});
