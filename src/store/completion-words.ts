/**
 * Words that shell completion offers from the database: symbols in the ledger or on a watchlist,
 * account names and watchlist names. Only read, never migrated (a completion must not write, and
 * must be fast); a missing database or table (an older schema) gives no words. Opened read-write
 * all the same: a read-only connection to a WAL database leaves its -wal and -shm files behind,
 * which the last read-write connection removes when it closes.
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

// Loaded on the first request for words: `portfolio ho<TAB>` needs no database, and loading
// better-sqlite3 is ~20 ms of a ~100 ms budget.
const load = (): typeof Database => createRequire(import.meta.url)('better-sqlite3') as typeof Database;

export type WordKind = 'symbols' | 'accounts' | 'lists';

export interface WordSource {
  words(kind: WordKind): string[];
  close(): void;
}

const QUERIES: Record<WordKind, { tables: string[]; sql: string }> = {
  symbols: { tables: ['transactions'], sql: 'SELECT DISTINCT symbol FROM transactions WHERE symbol IS NOT NULL' },
  accounts: { tables: ['accounts'], sql: 'SELECT name FROM accounts' },
  lists: { tables: ['watchlists'], sql: 'SELECT name FROM watchlists' },
};
const WATCHED = 'SELECT DISTINCT symbol FROM watchlist_symbols';

/** A lazy source: the file is opened on the first request for words. */
export function openWordSource(dbPath: string): WordSource {
  let db: Database.Database | null | undefined;
  let tables: Set<string> = new Set();
  const open = (): Database.Database | null => {
    if (db !== undefined) return db;
    try {
      const Sqlite = load();
      try {
        db = new Sqlite(dbPath, { fileMustExist: true });
      } catch {
        db = new Sqlite(dbPath, { readonly: true, fileMustExist: true });
      }
      db.pragma('busy_timeout = 200');
      tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    } catch {
      db = null;
    }
    return db;
  };
  const column = (d: Database.Database, sql: string): string[] => d.prepare(sql).pluck().all() as string[];
  return {
    words(kind) {
      const d = open();
      if (!d) return [];
      const q = QUERIES[kind];
      if (!q.tables.every((t) => tables.has(t))) return [];
      try {
        const out = column(d, q.sql);
        if (kind === 'symbols' && tables.has('watchlist_symbols')) out.push(...column(d, WATCHED));
        return [...new Set(out)].sort();
      } catch {
        return [];
      }
    },
    close() {
      if (db) db.close();
      db = null;
    },
  };
}
