import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { listTransactions } from '../../src/store/transactions.js';
import { tempDir } from '../helpers/tmp.js';

describe('the importers migration', () => {
  it('keeps every row and id of a ledger written before it, and accepts the new types after', () => {
    const index = MIGRATIONS.findIndex((m) => m.includes('-- importers:'));
    expect(index).toBeGreaterThan(0);
    const path = join(tempDir(), 'p.db');
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    for (let v = 0; v < index; v++) raw.exec(MIGRATIONS[v] as string);
    raw.pragma(`user_version = ${index}`);
    raw.exec(`INSERT INTO accounts (id, name) VALUES (1, 'default');
      INSERT INTO transactions (id, date, type, symbol, quantity, price, fee, currency, account_id, import_key) VALUES (7, '2024-01-02', 'buy', 'AAPL', 3, 100, 1, 'USD', 1, 'k:1');
      INSERT INTO transactions (id, date, type, symbol, amount, currency, account_id) VALUES (9, '2024-02-02', 'dividend', 'AAPL', 0.72, 'USD', 1);`);
    expect(() => raw.exec("INSERT INTO transactions (date, type, amount, currency, account_id) VALUES ('2024-03-01', 'tax', 1, 'USD', 1)")).toThrow(/CHECK/);
    raw.close();

    const db = openDb(path);
    expect(listTransactions(db).map((t) => [t.id, t.type, t.symbol, t.quantity ?? t.amount, t.toSymbol])).toEqual([
      [7, 'buy', 'AAPL', 3, null],
      [9, 'dividend', 'AAPL', 0.72, null],
    ]);
    db.exec("INSERT INTO transactions (date, type, symbol, ratio, to_symbol, currency, account_id) VALUES ('2024-03-01', 'rename', 'AAPL', '1:1', 'APPL2', 'USD', 1)");
    expect(listTransactions(db, { symbol: 'APPL2' }).map((t) => t.type)).toEqual(['rename']);
    // the re-created triggers still bump the ledger version
    const v = (db.prepare('SELECT version FROM ledger_state').get() as { version: number }).version;
    db.exec("INSERT INTO transactions (date, type, amount, currency, account_id) VALUES ('2024-03-02', 'tax', 1, 'USD', 1)");
    expect((db.prepare('SELECT version FROM ledger_state').get() as { version: number }).version).toBe(v + 1);
    db.close();
  });
});
