/**
 * `ledger_state` (the ledger's version stamps, bumped by triggers) and `positions_cache` (one
 * replayed summary per cost method and base currency). What a snapshot holds and when it is
 * replayed again: src/ledger/positions-snapshot.ts.
 */
import type { Db } from './db.js';

export interface LedgerStamp {
  version: number;
  fxQuoteVersion: number;
}

/** The ledger's current stamp; null when the row is missing. */
export function ledgerStamp(db: Db): LedgerStamp | null {
  const row = db.prepare('SELECT version, fx_quote_version FROM ledger_state WHERE id = 1').raw().get() as [number, number] | undefined;
  return row ? { version: row[0], fxQuoteVersion: row[1] } : null;
}

/** The stored snapshot text with the stamp it was written at (fxQuoteVersion null: no latest FX rate used). */
export function readPositionsSnapshot(
  db: Db,
  costMethod: string,
  base: string,
): { version: number; fxQuoteVersion: number | null; snapshot: string } | null {
  const row = db
    .prepare('SELECT version, fx_quote_version, snapshot FROM positions_cache WHERE cost_method = ? AND base_currency = ?')
    .raw()
    .get(costMethod, base) as [number, number | null, string] | undefined;
  return row ? { version: row[0], fxQuoteVersion: row[1], snapshot: row[2] } : null;
}

/** The stored replay state (however stale: it carries its own stamp); null when there is none. */
export function readReplayState(db: Db, costMethod: string, base: string): Buffer | null {
  const state = db.prepare('SELECT replay_state FROM positions_cache WHERE cost_method = ? AND base_currency = ?').pluck().get(costMethod, base);
  return Buffer.isBuffer(state) ? state : null;
}

/**
 * Stores a snapshot replayed at `stamp`, only if the ledger is still at that stamp (nothing changed
 * since the replay read it). `usedLatest`: the replay converted at a latest FX rate, so the
 * snapshot also goes stale when FX quotes move. `replayState`: the replay's state to store with it,
 * or 'keep' to leave the stored one as it is.
 */
export function writePositionsSnapshot(db: Db, costMethod: string, base: string, stamp: LedgerStamp, usedLatest: boolean, snapshot: string, replayState: Buffer | 'keep' | null = null): void {
  const values = [costMethod, base, stamp.version, usedLatest ? stamp.fxQuoteVersion : null, snapshot];
  const when = 'FROM ledger_state WHERE id = 1 AND version = ? AND fx_quote_version = ?';
  if (replayState === 'keep') {
    db.prepare(
      `INSERT INTO positions_cache (cost_method, base_currency, version, fx_quote_version, snapshot) SELECT ?, ?, ?, ?, ? ${when}
       ON CONFLICT (cost_method, base_currency) DO UPDATE SET version = excluded.version, fx_quote_version = excluded.fx_quote_version, snapshot = excluded.snapshot`,
    ).run(...values, stamp.version, stamp.fxQuoteVersion);
    return;
  }
  db.prepare(`INSERT OR REPLACE INTO positions_cache (cost_method, base_currency, version, fx_quote_version, snapshot, replay_state) SELECT ?, ?, ?, ?, ?, ? ${when}`).run(
    ...values,
    replayState,
    stamp.version,
    stamp.fxQuoteVersion,
  );
}
