/**
 * The streamed `transactions` table (widths fixed from one aggregate and the first page) draws the
 * same table as measuring every row would, when later rows only grow in magnitude or text.
 * (Decimals come from the first page: a later value with more of them overflows its column, printed
 * whole; test/cli/hostile-tables.test.ts.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatQty } from '../../src/base/format.js';
import { tableLines, type Cell } from '../../src/base/text-table.js';
import { FIRST_PAGE, transactionsTable } from '../../src/ledger/transactions-table.js';
import { openDb } from '../../src/store/db.js';
import { iterateTransactions, listTransactions, transactionTextWidths } from '../../src/store/transactions.js';
import { tempDir } from '../helpers/tmp.js';
import { addTxs, tx } from '../returns/helpers.js';

describe('transactionsTable', () => {
  it('draws the same table as a full measure when later rows are bigger or longer', () => {
    const db = openDb(join(tempDir(), 'portfolio.db'));
    const n = FIRST_PAGE * 3;
    addTxs(db, [
      tx({ date: '2024-01-01', type: 'interest', amount: 2.5, fee: 0.5, account: 'main' }),
      ...Array.from({ length: n }, (_, i) =>
        tx({ date: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, type: 'buy', symbol: i > n - 3 ? 'LONGERSYMBOL' : 'AB', quantity: 1 + i * 13, price: 1.25 + i * 1234.5, fee: i === n - 1 ? 1212.5 : 0, account: i === n - 2 ? 'a longer account' : 'main', note: i > n - 5 ? `note ${'x'.repeat(i % 30)}` : null }),
      ),
      tx({ date: '2024-02-01', type: 'interest', amount: 1234567.5, account: 'main' }),
    ]);
    const full = [...tableLines(
      { head: ['id', 'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'ccy', 'account', 'ratio', 'note'], align: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left'] },
      listTransactions(db).map((t): Cell[] => [t.id, t.date, t.type, t.symbol ?? '', t.quantity === null ? '' : formatQty(t.quantity), t.price === null ? '' : formatQty(t.price), t.amount === null ? '' : formatQty(t.amount), t.fee ? formatQty(t.fee) : '', t.currency, t.account, t.ratio ?? '', t.note ?? '']),
    )];
    const streamed = [...transactionsTable(iterateTransactions(db), transactionTextWidths(db))];
    expect(streamed).toHaveLength(n + 2 + 4);
    expect(streamed).toEqual(full);
    db.close();
  });

  it('leaves the cursor closed when the reader stops after the first line', () => {
    const db = openDb(join(tempDir(), 'portfolio.db'));
    addTxs(db, Array.from({ length: FIRST_PAGE + 10 }, () => tx({ date: '2024-01-02', type: 'buy', symbol: 'AB', quantity: 1, price: 1 })));
    const lines = transactionsTable(iterateTransactions(db), transactionTextWidths(db));
    expect(lines.next().value).toMatch(/^┌/);
    lines.return(undefined);
    expect(() => db.prepare('DELETE FROM transactions').run()).not.toThrow(); // the connection is free again
    db.close();
  });
});
