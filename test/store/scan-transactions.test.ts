import { describe, expect, it } from 'vitest';
import { listTransactions, scanTransactions } from '../../src/store/transactions.js';
import { addTxs, tempDb, tx } from '../returns/helpers.js';

describe('scanTransactions', () => {
  it('returns the rows of listTransactions in ledger order, whatever the insertion order, with a type filter', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-03-01', type: 'sell', symbol: 'A', quantity: 1, price: 2, account: 'x' }),
      tx({ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: 2, price: 1, note: 'first' }),
      tx({ date: '2024-02-01', type: 'dividend', symbol: 'A', amount: 1 }),
      tx({ date: '2024-01-01', type: 'deposit', amount: 10 }),
    ]);
    expect(scanTransactions(db)).toEqual(listTransactions(db));
    expect(scanTransactions(db, { to: '2024-02-01' })).toEqual(listTransactions(db, { to: '2024-02-01' }));
    expect(scanTransactions(db, { types: ['buy', 'sell'] }).map((t) => [t.date, t.type, t.account])).toEqual([
      ['2024-01-01', 'buy', 'default'],
      ['2024-03-01', 'sell', 'x'],
    ]);
    db.close();
  });
});
