/**
 * The portfolio's daily series, cached in the database (table perf_cache, one row per base
 * currency) and extended instead of rebuilt. Triggers on daily_closes record the earliest day whose
 * closes changed since the row was written (`dirty_from`); triggers on transactions drop the row.
 * A request up to day T then reuses every clean day and computes only the days after them, from
 * the opening positions and the last close before the first recomputed day.
 */
import { dayToIso, isoToDay } from '../core/dates.js';
import { busyTimeout, inTransaction, setBusyTimeout, type Db } from '../store/db.js';
import { readPerfCache, writePerfCache } from '../store/perf-cache.js';
import { firstTransactionDate } from '../store/transactions.js';
import { loadPerfData, portfolioScope } from './engine.js';
import type { ScopeSeries } from './scope.js';
import { WarningLog, type WarningEntry } from './warnings.js';

const KEYS = ['value', 'inflow', 'outflow', 'dividends', 'interest', 'fees', 'taxes'] as const;

export interface PortfolioDaily {
  /** Day number of index 0 (the day before the first transaction). */
  start: number;
  length: number;
  series: ScopeSeries;
  warnings: WarningLog;
  inception: number | null;
  /** How the answer was produced: 'hit' (cache only), 'extended' (tail recomputed) or 'full'. */
  cache: 'hit' | 'extended' | 'full';
}

function pack(s: ScopeSeries, length: number): Buffer {
  const all = new Float64Array(length * KEYS.length);
  KEYS.forEach((k, j) => all.set(s[k].subarray(0, length), j * length));
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

function unpack(buf: Buffer, length: number, keep: number, into: number): ScopeSeries {
  // Copy out: a Buffer from SQLite need not be 8-byte aligned.
  const all = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const out = {} as ScopeSeries;
  KEYS.forEach((k, j) => {
    const a = new Float64Array(into);
    a.set(all.subarray(j * length, j * length + keep));
    out[k] = a;
  });
  return out;
}

function writeRow(db: Db, base: string, d: PortfolioDaily): void {
  writePerfCache(db, base, { start: d.start, length: d.length, series: pack(d.series, d.length), warnings: JSON.stringify(d.warnings.toDays(d.start)) });
}

/**
 * The portfolio's daily series from the day before the first transaction to `to`. Reading and
 * computing happen in one read transaction, so the row written back matches one snapshot: if a
 * writer (warm) committed meanwhile, the write fails, the answer stands and the next call
 * recomputes. A read-only database simply gets no cache.
 */
export function portfolioDaily(db: Db, options: { to: string; baseCurrency: string }): PortfolioDaily {
  let result: PortfolioDaily | undefined;
  // Never make a reader (the dashboard) wait long for a writer's lock just to store the cache.
  const busy = busyTimeout(db);
  try {
    inTransaction(db, () => {
      result = compute(db, options);
      if (result.cache !== 'hit') {
        setBusyTimeout(db, 50);
        writeRow(db, options.baseCurrency, result);
      }
    });
  } catch (err) {
    if (!result) throw err;
  } finally {
    setBusyTimeout(db, busy);
  }
  return result as PortfolioDaily;
}

function compute(db: Db, options: { to: string; baseCurrency: string }): PortfolioDaily {
  const base = options.baseCurrency;
  const to = isoToDay(options.to);
  const first = firstTransactionDate(db);
  const inception = first ? isoToDay(first) : null;
  const start = Math.min(inception ?? to, to) - 1;
  const length = to - start + 1;
  const row = readPerfCache(db, base);

  if (row && row.start_day === start) {
    const cachedEnd = row.start_day + row.length - 1;
    const cleanEnd = row.dirty_from === null ? cachedEnd : Math.min(cachedEnd, isoToDay(row.dirty_from) - 1);
    const entries = JSON.parse(row.warnings) as WarningEntry[];
    if (cleanEnd >= to) {
      const warnings = new WarningLog();
      warnings.addDays(entries, start, to);
      return { start, length, series: unpack(row.series, row.length, length, length), warnings, inception, cache: 'hit' };
    }
    if (cleanEnd > start) {
      // Recompute only the days after the clean ones and splice them on.
      const keep = cleanEnd - start + 1;
      const series = unpack(row.series, row.length, keep, length);
      const tail = loadPerfData(db, { to: options.to, baseCurrency: base, windowStart: cleanEnd + 1 });
      const t = portfolioScope(tail);
      for (const k of KEYS) series[k].set(t[k], keep);
      const warnings = new WarningLog();
      warnings.addDays(entries, start, cleanEnd);
      warnings.addDays(tail.warnings.toDays(tail.start), start);
      return { start, length, series, warnings, inception, cache: 'extended' };
    }
  }
  const data = loadPerfData(db, { to: options.to, baseCurrency: base });
  return {
    start: data.start,
    length: data.length,
    series: portfolioScope(data),
    warnings: data.warnings,
    inception: data.inception,
    cache: 'full',
  };
}

export function dailyIso(d: PortfolioDaily, i: number): string {
  return dayToIso(d.start + i);
}
