/**
 * Single-transaction writes (`add`, `remove`) that keep the ledger consistent: neither may leave a
 * sell of more than is held (in date order). The check and the write share one immediate
 * transaction, so a concurrent writer cannot slip in between.
 */
import { InputError } from '../base/errors.js';
import { computeHoldings } from '../core/holdings.js';
import type { NewTransaction, Transaction } from '../core/types.js';
import { inTransaction, type Db } from '../store/db.js';
import { deleteTransaction, hasLinkedSymbols, insertTransactions, listTransactions, transactionPlace } from '../store/transactions.js';

function newProblems(before: readonly Transaction[], after: readonly Transaction[]): string[] {
  const known = new Set(computeHoldings(before).problems.map((p) => p.txId));
  return computeHoldings(after)
    .problems.filter((p) => !known.has(p.txId))
    .map((p) => p.message);
}

export function addTransaction(db: Db, tx: NewTransaction): Transaction {
  return inTransaction(db, () => {
    if (tx.symbol && tx.type !== 'dividend' && tx.type !== 'tax' && tx.type !== 'tax_refund' && tx.type !== 'interest' && tx.type !== 'fee') {
      // Renames and spin-offs link symbols: then the whole ledger is replayed.
      const linked = hasLinkedSymbols(db) || tx.toSymbol;
      const existing = linked ? listTransactions(db) : listTransactions(db, { symbol: tx.symbol });
      const problems = newProblems(existing, [...existing, { ...tx, id: Number.MAX_SAFE_INTEGER }]);
      if (problems.length > 0) throw new InputError(`cannot add: ${problems[0]}`, problems.slice(1));
    }
    const [id] = insertTransactions(db, [tx]);
    if (id === undefined) throw new Error('insert failed');
    return { ...tx, id };
  }, { immediate: true });
}

export function removeTransaction(db: Db, id: number): Transaction {
  return inTransaction(db, () => {
    const tx = transactionPlace(db, id);
    if (!tx) throw new InputError(`no transaction #${id} (see "portfolio transactions")`);
    const before = listTransactions(db, tx.symbol ? { symbol: tx.symbol } : { from: tx.date, to: tx.date });
    const removed = before.find((t) => t.id === id) as Transaction;
    if (tx.symbol) {
      const problems = newProblems(before, before.filter((t) => t.id !== id));
      if (problems.length > 0) throw new InputError(`cannot remove #${id}: without it, the ledger ${problems[0]}`, problems.slice(1));
    }
    deleteTransaction(db, id);
    return removed;
  }, { immediate: true });
}
