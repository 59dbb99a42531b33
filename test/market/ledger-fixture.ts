/** Writes a small ledger straight into a database (market tests do not depend on the import code). */
import type { Db } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';

export function buyEach(db: Db, symbols: readonly string[], date = '2025-01-06', currency = (s: string) => (s.endsWith('.L') ? 'GBP' : 'USD')): void {
  insertTransactions(
    db,
    symbols.map((symbol, i) => ({
      date,
      type: 'buy' as const,
      symbol,
      quantity: 1 + (i % 7),
      price: 10,
      amount: null,
      fee: 0,
      currency: currency(symbol),
      account: 'default',
      note: null,
      ratio: null,
    })),
  );
}
