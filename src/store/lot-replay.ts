/**
 * `lot_replay`: the lot engine's state at each year end, per cost method, base currency and
 * long-term months (what it holds and when it is used: src/returns/stored-replay.ts). Triggers in
 * src/store/migrations.ts drop the years a ledger or FX change touches.
 */
import type { Db } from './db.js';

export interface ReplayKey {
  costMethod: string;
  baseCurrency: string;
  longTermMonths: number;
}

export interface StoredYear {
  year: string;
  state: string;
  sales: string;
  income: string;
}

const KEY = 'cost_method = ? AND base_currency = ? AND long_term_months = ?';
const keyOf = (k: ReplayKey) => [k.costMethod, k.baseCurrency, k.longTermMonths] as const;

/** The stored years, oldest first. */
export function replayYears(db: Db, key: ReplayKey): string[] {
  return db.prepare(`SELECT year FROM lot_replay WHERE ${KEY} ORDER BY year`).pluck().all(...keyOf(key)) as string[];
}

/** The state stored at the end of `year`, or null. */
export function replayState(db: Db, key: ReplayKey, year: string): string | null {
  const v = db.prepare(`SELECT state FROM lot_replay WHERE ${KEY} AND year = ?`).pluck().get(...keyOf(key), year) as string | undefined;
  return v ?? null;
}

/** One column (a year's sales, or its rows that income counts) of the years from..to, oldest first. */
export function replayEvents(db: Db, key: ReplayKey, column: 'sales' | 'income', from: string, to: string): string[] {
  return db.prepare(`SELECT ${column === 'sales' ? 'sales' : 'income'} FROM lot_replay WHERE ${KEY} AND year >= ? AND year <= ? ORDER BY year`).pluck().all(...keyOf(key), from, to) as string[];
}

/**
 * Stores years replayed at ledger version `version`, only if the ledger is still at it (nothing
 * changed since the replay read it). Returns whether they were written.
 */
export function writeReplayYears(db: Db, key: ReplayKey, version: number, years: readonly StoredYear[]): boolean {
  const current = db.prepare('SELECT version FROM ledger_state WHERE id = 1').pluck();
  const ins = db.prepare(`INSERT OR REPLACE INTO lot_replay (cost_method, base_currency, long_term_months, year, state, sales, income) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  return db.transaction(() => {
    if (current.get() !== version) return false;
    for (const y of years) ins.run(...keyOf(key), y.year, y.state, y.sales, y.income);
    return true;
  }).immediate();
}

/** Drops every stored year (tests, and a replay whose rules changed). */
export function clearReplayYears(db: Db): void {
  db.prepare('DELETE FROM lot_replay').run();
}
