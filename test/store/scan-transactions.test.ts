import { describe, expect, it } from 'vitest';
import { eachTransaction, ledgerCurrencies, listTransactions } from '../../src/store/transactions.js';
import { addTxs, tempDb, tx } from '../returns/helpers.js';

describe('eachTransaction', () => {
  it('streams the rows of listTransactions (without notes) in ledger order, whatever the insertion order, with a type filter', () => {
    const { db } = tempDb();
    addTxs(db, [
      tx({ date: '2024-03-01', type: 'sell', symbol: 'A', quantity: 1, price: 2, account: 'x' }),
      tx({ date: '2024-01-01', type: 'buy', symbol: 'A', quantity: 2, price: 1, note: 'first' }),
      tx({ date: '2024-02-01', type: 'dividend', symbol: 'A', amount: 1, currency: 'EUR' }),
      tx({ date: '2024-01-01', type: 'deposit', amount: 10 }),
      tx({ date: '2024-02-15', type: 'transfer', symbol: 'A', quantity: 1, account: 'default', toAccount: 'x' }),
    ]);
    const withoutNote = (rows: ReturnType<typeof listTransactions>) => rows.map((t) => ({ ...t, note: null }));
    expect([...eachTransaction(db)]).toEqual(withoutNote(listTransactions(db)));
    expect([...eachTransaction(db, { to: '2024-02-01' })]).toEqual(withoutNote(listTransactions(db, { to: '2024-02-01' })));
    expect([...eachTransaction(db, { types: ['buy', 'sell', 'transfer'] })].map((t) => [t.date, t.type, t.account, t.toAccount])).toEqual([
      ['2024-01-01', 'buy', 'default', null],
      ['2024-02-15', 'transfer', 'default', 'x'],
      ['2024-03-01', 'sell', 'x', null],
    ]);
    expect(ledgerCurrencies(db)).toEqual(['EUR', 'USD']);
    db.close();
  });
});
