/**
 * `perf_cache`: the portfolio's daily series, one row per base currency, packed as float64 arrays.
 * Triggers on daily_closes set `dirty_from`; triggers on transactions drop the row
 * (src/store/migrations.ts). How the series is extended: src/returns/cache.ts.
 */
import type { Db } from './db.js';

export interface PerfCacheRow {
  start_day: number;
  length: number;
  series: Buffer;
  warnings: string;
  dirty_from: string | null;
}

/** The cached row of a base currency; undefined when there is none or the table cannot be read. */
export function readPerfCache(db: Db, base: string): PerfCacheRow | undefined {
  try {
    return db.prepare('SELECT start_day, length, series, warnings, dirty_from FROM perf_cache WHERE base_currency = ?').get(base) as
      | PerfCacheRow
      | undefined;
  } catch {
    return undefined; // a database without the cache table still answers, just slower
  }
}

/** Stores (replaces) the row of a base currency, clean (dirty_from NULL). */
export function writePerfCache(db: Db, base: string, row: { start: number; length: number; series: Buffer; warnings: string }): void {
  db.prepare(
    `INSERT INTO perf_cache (base_currency, start_day, length, series, warnings, dirty_from)
     VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT(base_currency) DO UPDATE SET start_day = excluded.start_day, length = excluded.length,
       series = excluded.series, warnings = excluded.warnings, dirty_from = NULL`,
  ).run(base, row.start, row.length, row.series, row.warnings);
}

/** Drops every cached series. */
export function clearPerfCache(db: Db): void {
  db.prepare('DELETE FROM perf_cache').run();
}
