/** The ledger table family: accounts and transactions. */
import { replayQuantities } from '../core/quantities.js';
import type { NewTransaction, Transaction, TxType } from '../core/types.js';
import type { Db } from './db.js';

interface TxRow {
  id: number;
  date: string;
  type: TxType;
  symbol: string | null;
  quantity: number | null;
  price: number | null;
  amount: number | null;
  fee: number;
  currency: string;
  account: string;
  note: string | null;
  ratio: string | null;
  toAccount: string | null;
  toSymbol: string | null;
  fraction: number | null;
}

const SELECT = `SELECT t.id, t.date, t.type, t.symbol, t.quantity, t.price, t.amount, t.fee, t.currency,
  a.name AS account, t.note, t.ratio, b.name AS toAccount, t.to_symbol AS toSymbol, t.fraction
  FROM transactions t JOIN accounts a ON a.id = t.account_id LEFT JOIN accounts b ON b.id = t.to_account_id`;

export interface TxFilter {
  symbol?: string;
  account?: string;
  /** inclusive YYYY-MM-DD bounds */
  from?: string;
  to?: string;
}

/** Transactions in ledger order: by date, then by insertion. */
export function listTransactions(db: Db, filter: TxFilter = {}): Transaction[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (filter.symbol) {
    where.push('(t.symbol = @symbol OR t.to_symbol = @symbol)');
    params.symbol = filter.symbol;
  }
  if (filter.account) {
    where.push('a.name = @account');
    params.account = filter.account;
  }
  if (filter.from) {
    where.push('t.date >= @from');
    params.from = filter.from;
  }
  if (filter.to) {
    where.push('t.date <= @to');
    params.to = filter.to;
  }
  const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY t.date, t.id`;
  return db.prepare(sql).all(params) as TxRow[];
}

export function accountId(db: Db, name: string): number {
  const row = db.prepare('SELECT id FROM accounts WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) return row.id;
  return Number(db.prepare('INSERT INTO accounts (name) VALUES (?)').run(name).lastInsertRowid);
}

/**
 * Inserts transactions in one transaction. Rows whose importKey exists already are skipped
 * (idempotent re-import). Returns the ids inserted.
 */
export function insertTransactions(db: Db, txs: readonly (NewTransaction & { importKey?: string | null })[]): number[] {
  const insert = db.prepare(`INSERT INTO transactions
    (date, type, symbol, quantity, price, amount, fee, currency, account_id, note, ratio, import_key, to_account_id, to_symbol, fraction)
    VALUES (@date, @type, @symbol, @quantity, @price, @amount, @fee, @currency, @accountId, @note, @ratio, @importKey, @toAccountId, @toSymbol, @fraction)
    ON CONFLICT(import_key) DO NOTHING`);
  const ids: number[] = [];
  db.transaction(() => {
    const accounts = new Map<string, number>();
    for (const tx of txs) {
      let acc = accounts.get(tx.account);
      if (acc === undefined) {
        acc = accountId(db, tx.account);
        accounts.set(tx.account, acc);
      }
      const toAccountId = tx.toAccount ? accountId(db, tx.toAccount) : null;
      const r = insert.run({ ...tx, accountId: acc, importKey: tx.importKey ?? null, toAccountId, toSymbol: tx.toSymbol ?? null, fraction: tx.fraction ?? null });
      if (r.changes > 0) ids.push(Number(r.lastInsertRowid));
    }
  }).immediate();
  return ids;
}

export function deleteTransaction(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM transactions WHERE id = ?').run(id).changes > 0;
}

/** Every symbol with at least one transaction, with the date of its first one. */
export function heldSymbols(db: Db): { symbol: string; firstDate: string; currency: string }[] {
  return db
    .prepare(
      `SELECT symbol, MIN(date) AS firstDate, currency FROM (
         SELECT symbol, date, currency FROM transactions WHERE symbol IS NOT NULL
         UNION ALL SELECT to_symbol, date, currency FROM transactions WHERE to_symbol IS NOT NULL)
       GROUP BY symbol ORDER BY symbol`,
    )
    .all() as { symbol: string; firstDate: string; currency: string }[];
}

/**
 * Symbols with a positive quantity now (buys less sells, through splits, renames and spin-offs).
 * A position sold out needs no more quotes, though its past closes still matter for returns.
 */
export function openPositions(db: Db): Set<string> {
  const rows = db
    .prepare(
      `SELECT symbol, type, quantity, ratio, to_symbol AS toSymbol FROM transactions
       WHERE symbol IS NOT NULL AND type IN ('buy','sell','split','rename','spinoff') ORDER BY date, id`,
    )
    .all() as { symbol: string; type: TxType; quantity: number | null; ratio: string | null; toSymbol: string | null }[];
  return new Set(replayQuantities(rows).open());
}

/** The first transaction's date, of one symbol or of the whole ledger; null when there is none. */
export function firstTransactionDate(db: Db, symbol?: string): string | null {
  const row = (
    symbol === undefined
      ? db.prepare('SELECT MIN(date) AS d FROM transactions').get()
      : db.prepare('SELECT MIN(date) AS d FROM transactions WHERE symbol = ?').get(symbol)
  ) as { d: string | null };
  return row.d;
}

/** The ledger's split transactions of one symbol: date and ratio, oldest first. */
export function ledgerSplits(db: Db, symbol: string): { date: string; ratio: string }[] {
  return db
    .prepare("SELECT DISTINCT date, ratio FROM transactions WHERE symbol = ? AND type = 'split' AND ratio IS NOT NULL ORDER BY date")
    .all(symbol) as { date: string; ratio: string }[];
}

/**
 * The rows of `listTransactions` one at a time in ledger order (date, then id: the date index),
 * for replays that need not hold 100,000s of rows at once: each row is garbage as soon as it is
 * applied. Reads no `note` (null). Account names come from one small read of `accounts` instead of
 * a join. While the iteration runs no other statement may run on `db`: load what the replay looks
 * up (FX, prices) before it starts.
 */
export function* eachTransaction(db: Db, filter: { to?: string; types?: readonly string[] } = {}): Generator<Transaction> {
  const names = new Map(db.prepare('SELECT id, name FROM accounts').raw(true).all() as [number, string][]);
  const where: string[] = [];
  if (filter.to) where.push('date <= @to');
  if (filter.types) where.push('type IN (SELECT value FROM json_each(@types))');
  const sql = `SELECT id, date, type, symbol, quantity, price, amount, fee, currency, account_id, ratio, to_account_id, to_symbol, fraction
    FROM transactions INDEXED BY transactions_date${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY date, id`;
  const params: Record<string, string> = {};
  if (filter.to) params.to = filter.to;
  if (filter.types) params.types = JSON.stringify(filter.types);
  for (const r of db.prepare(sql).raw(true).iterate(params) as IterableIterator<unknown[]>) {
    yield {
      id: r[0] as number,
      date: r[1] as string,
      type: r[2] as TxType,
      symbol: r[3] as string | null,
      quantity: r[4] as number | null,
      price: r[5] as number | null,
      amount: r[6] as number | null,
      fee: r[7] as number,
      currency: r[8] as string,
      account: names.get(r[9] as number) as string,
      note: null,
      ratio: r[10] as string | null,
      toAccount: r[11] === null ? null : (names.get(r[11] as number) as string),
      toSymbol: r[12] as string | null,
      fraction: r[13] as number | null,
    };
  }
}

/** Every currency the ledger uses, in name order. */
export function ledgerCurrencies(db: Db): string[] {
  return db.prepare('SELECT DISTINCT currency FROM transactions ORDER BY currency').pluck().all() as string[];
}

