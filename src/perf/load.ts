/**
 * Bulk readers for the performance maths: every effective close (COALESCE(manual_close, close)) of
 * many symbols in one query, straight into typed arrays.
 */
import type { Track } from '../core/value-series.js';
import type { Db } from '../store/db.js';

/**
 * Closes of `symbols` on or before `to` (YYYY-MM-DD), as one Track per symbol that has any.
 * One row per symbol with its dates and closes concatenated: crossing from SQLite to JS once per
 * symbol instead of once per close is what makes millions of closes cheap.
 */
export function loadTracks(db: Db, symbols: readonly string[], to: string, from = '0000-00-00'): Map<string, Track> {
  const out = new Map<string, Track>();
  if (symbols.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT symbol, group_concat(date), group_concat(COALESCE(manual_close, close))
       FROM daily_closes
       WHERE symbol IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ?
         AND COALESCE(manual_close, close) IS NOT NULL
       GROUP BY symbol`,
    )
    .raw(true)
    .all(JSON.stringify(symbols), from, to) as [string, string, string][];
  for (const [symbol, dates, closes] of rows) out.set(symbol, parseTrack(dates, closes));
  return out;
}

/** Parses `YYYY-MM-DD,YYYY-MM-DD,...` and `c1,c2,...` into a Track sorted by day. */
export function parseTrack(dates: string, closes: string): Track {
  const n = Math.floor((dates.length + 1) / 11);
  const days = new Int32Array(n);
  const values = new Float64Array(n);
  let sorted = true;
  for (let k = 0, p = 0; k < n; k++, p += 11) {
    const y = digit(dates, p) * 1000 + digit(dates, p + 1) * 100 + digit(dates, p + 2) * 10 + digit(dates, p + 3);
    const m = digit(dates, p + 5) * 10 + digit(dates, p + 6);
    const d = digit(dates, p + 8) * 10 + digit(dates, p + 9);
    days[k] = Date.UTC(y, m - 1, d) / 86_400_000;
    if (k > 0 && (days[k] as number) <= (days[k - 1] as number)) sorted = false;
  }
  let k = 0;
  let p = 0;
  while (k < n) {
    let q = closes.indexOf(',', p);
    if (q < 0) q = closes.length;
    values[k++] = Number(closes.slice(p, q));
    p = q + 1;
  }
  if (sorted) return { days, values };
  // group_concat's order follows the primary key scan in practice but is not promised: sort if needed.
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (days[a] as number) - (days[b] as number));
  return { days: Int32Array.from(idx, (i) => days[i] as number), values: Float64Array.from(idx, (i) => values[i] as number) };
}

function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** The FX pair symbols that may price `currency` in `base`: direct (EURUSD=X) and inverse (USDEUR=X). */
export function fxCandidates(currency: string, base: string): [string, string] {
  return [`${currency}${base}=X`, `${base}${currency}=X`];
}
