import { describe, expect, it } from 'vitest';
import { cashTrackingAccounts, marksCashAccount } from '../../src/core/cash-accounts.js';
import { cashEffect, isTxType, SHARE_TYPES, TX_TYPE_RULES, TX_TYPES, type TxType } from '../../src/core/tx-types.js';

const amounts = { quantity: 10, price: 5, amount: 7, fee: 1 };

describe('transaction types', () => {
  it('lists every type of the contract once, in the table', () => {
    expect([...TX_TYPES].sort()).toEqual(['buy', 'deposit', 'dividend', 'fee', 'interest', 'rename', 'sell', 'spinoff', 'split', 'tax', 'tax_refund', 'transfer', 'withdrawal']);
    for (const t of TX_TYPES) expect(isTxType(t)).toBe(true);
    expect(isTxType('BUY')).toBe(false);
    expect(isTxType('toString')).toBe(false);
  });

  it.each([
    // type, needs, cash moved into the account (+) or out (-) for 10 x 5 / amount 7 / fee 1
    ['buy', ['symbol', 'quantity', 'price'], -51],
    ['sell', ['symbol', 'quantity', 'price'], 49],
    ['dividend', ['symbol', 'amount'], 6],
    ['interest', ['amount'], 6],
    ['fee', ['amount'], -8],
    ['deposit', ['amount'], 6],
    ['withdrawal', ['amount'], -8],
    ['split', ['symbol', 'ratio'], -1],
  ] as const)('%s needs %j and moves %d', (type, need, cash) => {
    expect(TX_TYPE_RULES[type].need).toEqual(need);
    expect(cashEffect({ type, ...amounts })).toBe(cash);
  });

  it.each([
    ['buy', 'add'],
    ['sell', 'remove'],
    ['split', 'ratio'],
    ['dividend', null],
    ['deposit', null],
  ] as const)('%s moves shares: %s', (type, shares) => {
    expect(TX_TYPE_RULES[type].shares).toBe(shares);
    expect(SHARE_TYPES.includes(type)).toBe(shares !== null);
  });
});

describe('accounts that track cash', () => {
  it.each([
    ['deposit', true],
    ['withdrawal', true],
    ['buy', false],
    ['sell', false],
    ['dividend', false],
    ['interest', false],
    ['fee', false],
    ['split', false],
  ] as const)('a %s marks its account: %s', (type, marks) => {
    expect(marksCashAccount(type as TxType)).toBe(marks);
  });

  it('is decided over the whole ledger, per account', () => {
    const txs = [
      { type: 'buy', account: 'broker' },
      { type: 'deposit', account: 'isa' },
      { type: 'dividend', account: 'broker' },
      { type: 'withdrawal', account: 'sipp' },
    ] as const;
    expect([...cashTrackingAccounts(txs)].sort()).toEqual(['isa', 'sipp']);
  });
});
