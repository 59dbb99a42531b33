import { join } from 'node:path';
import type { NewTransaction } from '../../src/core/types.js';
import { openDb, type Db } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { tempDir } from '../helpers/tmp.js';

export function tempDb(): { db: Db; dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'portfolio.db');
  return { db: openDb(path), dir, path };
}

/** A transaction with defaults: USD, account "default", no fee. */
export function tx(p: Partial<NewTransaction> & Pick<NewTransaction, 'date' | 'type'>): NewTransaction {
  return {
    symbol: null,
    quantity: null,
    price: null,
    amount: null,
    fee: 0,
    currency: 'USD',
    account: 'default',
    note: null,
    ratio: null,
    ...p,
  };
}

export function addTxs(db: Db, txs: NewTransaction[]): void {
  insertTransactions(db, txs);
}

/** Fetched closes, as the market layer stores them: `[symbol, date, close]`. */
export function addCloses(db: Db, rows: [string, string, number][]): void {
  const stmt = db.prepare(`INSERT INTO daily_closes (symbol, date, close, source) VALUES (?, ?, ?, 'test')
    ON CONFLICT(symbol, date) DO UPDATE SET close = excluded.close`);
  db.transaction(() => {
    for (const r of rows) stmt.run(...r);
  })();
}
