import { describe, expect, it } from 'vitest';
import { parseDecimal, parseRatio, validateTx, type TxCells } from '../../src/core/validate-tx.js';

const ok = (cells: TxCells) => {
  const r = validateTx(cells, 'USD');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.tx;
};
const errs = (cells: TxCells) => {
  const r = validateTx(cells, 'USD');
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => `${e.column}: ${e.message}`);
};

describe('parseDecimal', () => {
  it.each([
    ['12.5', 12.5],
    ['0', 0],
    [' 7 ', 7],
    ['-3', -3],
    ['.5', 0.5],
  ])('accepts %s', (text, n) => expect(parseDecimal(text)).toBe(n));

  it.each(['1e309', '1e3', 'NaN', 'Infinity', '1,5', '1.000,00', '', 'abc', '0x10', '1.2.3'])('rejects "%s"', (text) => {
    expect(typeof parseDecimal(text)).toBe('string');
  });

  it('rejects a plain decimal too large for a double', () => {
    expect(parseDecimal('9'.repeat(400))).toMatch(/out of range/);
  });
});

describe('parseRatio', () => {
  it('accepts N:M with positive numbers', () => {
    expect(parseRatio('4:1')).toEqual([4, 1]);
    expect(parseRatio('3:2')).toEqual([3, 2]);
    expect(parseRatio('1:10')).toEqual([1, 10]);
  });
  it.each(['4', '4/1', '0:1', '4:0', '-1:2', 'a:b', '4:1:1', '1e3:1'])('rejects %s', (r) => {
    expect(typeof parseRatio(r)).toBe('string');
  });
});

describe('validateTx', () => {
  it('builds a buy, normalising the symbol and defaulting currency and account', () => {
    expect(ok({ date: '2024-01-02', type: 'BUY', symbol: ' aapl ', quantity: '10', price: '185.5', fee: '1' })).toEqual({
      date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 10, price: 185.5, amount: null, fee: 1,
      currency: 'USD', account: 'default', note: null, ratio: null,
    });
  });

  it('accepts a zero price (a gift) and a foreign currency', () => {
    const t = ok({ date: '2024-01-02', type: 'buy', symbol: 'vod.l', quantity: '100', price: '0', currency: 'gbp', account: 'ISA' });
    expect(t).toMatchObject({ symbol: 'VOD.L', price: 0, currency: 'GBP', account: 'ISA' });
  });

  it.each([
    [{ type: 'deposit', amount: '1000' }, { amount: 1000 }],
    [{ type: 'withdrawal', amount: '5' }, { amount: 5 }],
    [{ type: 'interest', amount: '0.42' }, { amount: 0.42, symbol: null }],
    [{ type: 'fee', amount: '3', symbol: 'aapl' }, { amount: 3, symbol: 'AAPL' }],
    [{ type: 'dividend', amount: '12', symbol: 'msft' }, { amount: 12, symbol: 'MSFT' }],
    [{ type: 'split', symbol: 'nvda', ratio: '4:1' }, { ratio: '4:1', symbol: 'NVDA' }],
  ])('accepts %j', (cells, expected) => {
    expect(ok({ date: '2024-06-10', ...cells })).toMatchObject(expected);
  });

  it.each([
    [{ date: '2024-02-30', type: 'deposit', amount: '1' }, 'date: "2024-02-30" is not a valid date (YYYY-MM-DD)'],
    [{ date: '02/01/2024', type: 'deposit', amount: '1' }, 'date: "02/01/2024" is not a valid date (YYYY-MM-DD)'],
    [{ date: '', type: 'deposit', amount: '1' }, 'date: a date is required (YYYY-MM-DD)'],
    [{ date: '2024-01-01', type: 'swap' }, 'type: unknown type "swap"'],
    [{ date: '2024-01-01', type: '' }, 'type: a type is required'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '-1', price: '1' }, 'quantity: must be greater than 0, got -1'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '0', price: '1' }, 'quantity: must be greater than 0, got 0'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '1', price: '-1' }, 'price: must be 0 or more'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '1', price: '1', fee: '-1' }, 'fee: must be 0 or more'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '1e309', price: '1' }, 'quantity: "1e309" is not a plain decimal number'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: 'NaN', price: '1' }, 'quantity: "NaN" is not a plain decimal number'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '1', price: '1,5' }, 'price: "1,5" is not a plain decimal number'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', price: '1' }, 'quantity: required for a buy'],
    [{ date: '2024-01-01', type: 'sell', quantity: '1', price: '1' }, 'symbol: required for a sell'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: '1' }, 'price: required for a buy'],
    [{ date: '2024-01-01', type: 'dividend', amount: '1' }, 'symbol: required for a dividend'],
    [{ date: '2024-01-01', type: 'deposit' }, 'amount: required for a deposit'],
    [{ date: '2024-01-01', type: 'deposit', amount: '0' }, 'amount: must be greater than 0'],
    [{ date: '2024-01-01', type: 'split', symbol: 'A' }, 'ratio: required for a split'],
    [{ date: '2024-01-01', type: 'split', symbol: 'A', ratio: '2-1' }, 'ratio: "2-1" is not a ratio N:M'],
    [{ date: '2024-01-01', type: 'split', symbol: 'A', ratio: '0:1' }, 'ratio: "0:1" is not a ratio N:M of two positive numbers'],
    [{ date: '2024-01-01', type: 'deposit', amount: '5', quantity: '3' }, 'quantity: not used by a deposit; leave it empty'],
    [{ date: '2024-01-01', type: 'deposit', amount: '5', currency: 'dollars' }, 'currency: "dollars" is not a three-letter currency code'],
    [{ date: '2024-01-01', type: 'buy', symbol: 'A B', quantity: '1', price: '1' }, 'symbol: "A B" is not a valid symbol'],
  ])('rejects %j', (cells, message) => {
    expect(errs(cells).join('\n')).toContain(message);
  });

  it('stores minor-unit currencies (GBp, ZAc, ILA) in the major currency', () => {
    expect(ok({ date: '2024-01-02', type: 'buy', symbol: 'VOD.L', quantity: '100', price: '71.5', fee: '500', currency: 'GBp' })).toMatchObject({ price: 0.715, fee: 5, currency: 'GBP' });
    expect(ok({ date: '2024-01-02', type: 'dividend', symbol: 'NPN.JO', amount: '1200', currency: 'ZAc' })).toMatchObject({ amount: 12, currency: 'ZAR' });
    expect(ok({ date: '2024-01-02', type: 'deposit', amount: '5', currency: 'gbp' })).toMatchObject({ amount: 5, currency: 'GBP' });
  });

  it('ignores a zero fee on a cash row but refuses a real one', () => {
    expect(ok({ date: '2024-01-01', type: 'deposit', amount: '5', fee: '0' })).toMatchObject({ fee: 0 });
    expect(errs({ date: '2024-01-01', type: 'deposit', amount: '5', fee: '1' }).join()).toContain('fee: not used by a deposit');
  });

  it('reports every problem of a row, not just the first', () => {
    expect(errs({ date: '2024-13-01', type: 'buy', symbol: 'A', quantity: '0', price: 'x' })).toHaveLength(3);
  });
});
