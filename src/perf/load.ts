/**
 * Bulk readers for the performance maths: every effective close (COALESCE(manual_close, close)) of
 * many symbols in one query, straight into typed arrays. One row array per close instead of an
 * object, and day numbers computed by SQLite, keep 2.5 million closes well under a second.
 */
import type { Track } from '../core/value-series.js';
import type { Db } from '../store/db.js';

/** Closes of `symbols` on or before `to` (YYYY-MM-DD), as one Track per symbol that has any. */
export function loadTracks(db: Db, symbols: readonly string[], to: string): Map<string, Track> {
  const out = new Map<string, Track>();
  if (symbols.length === 0) return out;
  const stmt = db
    .prepare(
      `SELECT symbol, CAST(julianday(date) - 2440587.5 AS INTEGER) AS day, COALESCE(manual_close, close) AS c
       FROM daily_closes
       WHERE symbol IN (SELECT value FROM json_each(?)) AND date <= ? AND COALESCE(manual_close, close) IS NOT NULL
       ORDER BY symbol, date`,
    )
    .raw(true);
  let days = new Int32Array(4096);
  let values = new Float64Array(4096);
  let n = 0;
  let current: string | null = null;
  let begin = 0;
  const flush = () => {
    if (current !== null && n > begin) {
      out.set(current, { days: days.slice(begin, n), values: values.slice(begin, n) });
    }
  };
  for (const row of stmt.iterate(JSON.stringify(symbols), to) as IterableIterator<[string, number, number]>) {
    const [symbol, day, close] = row;
    if (symbol !== current) {
      flush();
      current = symbol;
      // Restart the scratch buffers per symbol so their size tracks the longest history, not the total.
      n = 0;
      begin = 0;
    }
    if (n === days.length) {
      const d2 = new Int32Array(days.length * 2);
      d2.set(days);
      days = d2;
      const v2 = new Float64Array(values.length * 2);
      v2.set(values);
      values = v2;
    }
    days[n] = day;
    values[n] = close;
    n++;
  }
  flush();
  return out;
}

/** The FX pair symbols that may price `currency` in `base`: direct (EURUSD=X) and inverse (USDEUR=X). */
export function fxCandidates(currency: string, base: string): [string, string] {
  return [`${currency}${base}=X`, `${base}${currency}=X`];
}
