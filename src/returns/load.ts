/**
 * Bulk readers for the performance maths: every effective close (COALESCE(manual_close, close)) of
 * many symbols in one query, straight into typed arrays.
 */
import type { Track } from '../core/value-series.js';
import type { Db } from '../store/db.js';
import { concatenatedCloses, lastCloseBeforeReader } from '../store/prices.js';

/**
 * Closes of `symbols` on or before `to` (YYYY-MM-DD), as one Track per symbol that has any.
 * One row per symbol with its dates and closes concatenated: crossing from SQLite to JS once per
 * symbol instead of once per close is what makes millions of closes cheap.
 */
export function loadTracks(db: Db, symbols: readonly string[], to: string, from = '0000-00-00'): Map<string, Track> {
  const out = new Map<string, Track>();
  if (symbols.length === 0) return out;
  for (const [symbol, dates, closes] of concatenatedCloses(db, symbols, from, to)) out.set(symbol, parseTrack(dates, closes));
  return out;
}

/** Parses `YYYY-MM-DD,YYYY-MM-DD,...` and `c1,c2,...` into a Track sorted by day. */
export function parseTrack(dates: string, closes: string): Track {
  const n = Math.floor((dates.length + 1) / 11);
  const days = new Int32Array(n);
  const values = new Float64Array(n);
  let sorted = true;
  let month = -1;
  let monthStart = 0;
  for (let k = 0, p = 0; k < n; k++, p += 11) {
    // Dates come sorted, so the day number changes month by month: one Date.UTC per month.
    const ym = digit(dates, p) * 100000 + digit(dates, p + 1) * 10000 + digit(dates, p + 2) * 1000 + digit(dates, p + 3) * 100 + digit(dates, p + 5) * 10 + digit(dates, p + 6);
    if (ym !== month) {
      month = ym;
      monthStart = Date.UTC(Math.floor(ym / 100), (ym % 100) - 1, 1) / 86_400_000;
    }
    days[k] = monthStart + digit(dates, p + 8) * 10 + digit(dates, p + 9) - 1;
    if (k > 0 && (days[k] as number) <= (days[k - 1] as number)) sorted = false;
  }
  let k = 0;
  let p = 0;
  const len = closes.length;
  while (k < n) {
    let q = p;
    // Fast path for plain decimals with at most 15 digits: integer / power of ten is correctly
    // rounded, exactly what Number() gives. Anything else (exponents, long digits) goes to Number().
    let mant = 0;
    let digits = 0;
    let scale = 0;
    let dot = false;
    let neg = false;
    let plain = true;
    for (; q < len; q++) {
      const c = closes.charCodeAt(q);
      if (c === 44) break; // ','
      if (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        if (dot) scale++;
      } else if (c === 46 && !dot) dot = true;
      else if (c === 45 && q === p) neg = true;
      else plain = false;
    }
    values[k++] = plain && digits > 0 && digits <= 15 ? (neg ? -mant : mant) / (POW10[scale] as number) : Number(closes.slice(p, q));
    p = q + 1;
  }
  if (sorted) return { days, values };
  // group_concat's order follows the primary key scan in practice but is not promised: sort if needed.
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (days[a] as number) - (days[b] as number));
  return { days: Int32Array.from(idx, (i) => days[i] as number), values: Float64Array.from(idx, (i) => values[i] as number) };
}

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/**
 * Prepends to each symbol's track its last close before `from` (YYYY-MM-DD), so a window that
 * starts at `from` still knows "the last close on or before" its first days. One indexed lookup
 * per symbol on the (symbol, date) primary key.
 */
export function withLastBefore(db: Db, tracks: Map<string, Track>, symbols: readonly string[], from: string): void {
  const lastBefore = lastCloseBeforeReader(db);
  for (const symbol of symbols) {
    const row = lastBefore(symbol, from);
    if (!row) continue;
    const t = tracks.get(symbol);
    if (!t) {
      tracks.set(symbol, { days: Int32Array.of(row[0]), values: Float64Array.of(row[1]) });
      continue;
    }
    const days = new Int32Array(t.days.length + 1);
    const values = new Float64Array(t.values.length + 1);
    days[0] = row[0];
    values[0] = row[1];
    days.set(t.days, 1);
    values.set(t.values, 1);
    tracks.set(symbol, { days, values });
  }
}
