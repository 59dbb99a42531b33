/**
 * Watchlists: named lists of symbols followed without holding them (tables watchlists and
 * watchlist_symbols). The default list `watchlist` always exists.
 */
import type { Db } from './db.js';

export const DEFAULT_LIST = 'watchlist';

export interface WatchlistSummary {
  name: string;
  count: number;
}

export interface WatchedSymbol {
  symbol: string;
  addedAt: string;
}

export function listWatchlists(db: Db): WatchlistSummary[] {
  return db
    .prepare(
      `SELECT w.name AS name, COUNT(s.symbol) AS count FROM watchlists w LEFT JOIN watchlist_symbols s ON s.list = w.name
       GROUP BY w.name ORDER BY w.name = ? DESC, w.name`,
    )
    .all(DEFAULT_LIST) as WatchlistSummary[];
}

export function watchlistExists(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM watchlists WHERE name = ?').get(name) !== undefined;
}

/** Symbols of one list, in the order they were added. */
export function watchedSymbols(db: Db, list: string): WatchedSymbol[] {
  return db
    .prepare('SELECT symbol, added_at AS addedAt FROM watchlist_symbols WHERE list = ? ORDER BY added_at, symbol')
    .all(list) as WatchedSymbol[];
}

/** Every watched symbol across all lists (what the refreshers add to the quote batches). */
export function allWatchedSymbols(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT symbol FROM watchlist_symbols ORDER BY symbol').all() as { symbol: string }[]).map((r) => r.symbol);
}

/** Adds symbols to a list (created if needed) in one transaction; returns those that were new. */
export function addWatched(db: Db, list: string, symbols: readonly string[], now: Date): string[] {
  const at = now.toISOString();
  const added: string[] = [];
  const insList = db.prepare('INSERT OR IGNORE INTO watchlists (name, created_at) VALUES (?, ?)');
  const ins = db.prepare('INSERT OR IGNORE INTO watchlist_symbols (list, symbol, added_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    insList.run(list, at);
    for (const s of symbols) if (ins.run(list, s, at).changes > 0) added.push(s);
  }).immediate();
  return added;
}

/** Removes symbols from a list; returns those that were there. */
export function removeWatched(db: Db, list: string, symbols: readonly string[]): string[] {
  const del = db.prepare('DELETE FROM watchlist_symbols WHERE list = ? AND symbol = ?');
  const removed: string[] = [];
  db.transaction(() => {
    for (const s of symbols) if (del.run(list, s).changes > 0) removed.push(s);
  }).immediate();
  return removed;
}

/** Symbols the local database already knows: held or traded, quoted, watched, alerted, or described by a provider. */
export function locallyKnownSymbols(db: Db): Set<string> {
  const rows = db
    .prepare(
      `SELECT symbol FROM transactions WHERE symbol IS NOT NULL
       UNION SELECT symbol FROM quotes
       UNION SELECT symbol FROM instruments WHERE unknown_until IS NULL
       UNION SELECT symbol FROM watchlist_symbols
       UNION SELECT symbol FROM alerts`,
    )
    .all() as { symbol: string }[];
  return new Set(rows.map((r) => r.symbol));
}

/** The 52-week range a provider gave with its last quote, per symbol. */
export function week52Ranges(db: Db, symbols: readonly string[]): Map<string, { low: number | null; high: number | null }> {
  const rows = db
    .prepare('SELECT i.symbol, i.week52_low AS low, i.week52_high AS high FROM instruments i JOIN json_each(?) j ON j.value = i.symbol')
    .all(JSON.stringify(symbols)) as { symbol: string; low: number | null; high: number | null }[];
  return new Map(rows.map((r) => [r.symbol, { low: r.low, high: r.high }]));
}
