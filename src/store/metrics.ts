/** Counters and timings (cache.hit, cache.miss, dashboard.first_frame_ms, dashboard.load, ...). */
import type { Db } from './db.js';

export function recordMetric(db: Db, name: string, value: number, context?: string | null, now: Date = new Date()): void {
  db.prepare('INSERT INTO metrics (ts, name, value, context) VALUES (?, ?, ?, ?)').run(now.toISOString(), name, value, context ?? null);
}

/** Sum of a metric's values since an instant. */
export function sumMetric(db: Db, name: string, since: Date): number {
  const row = db.prepare('SELECT COALESCE(SUM(value), 0) AS s FROM metrics WHERE name = ? AND ts >= ?').get(name, since.toISOString()) as { s: number };
  return row.s;
}

/** Values of a metric since an instant, ascending (for percentiles). */
export function metricValues(db: Db, name: string, since: Date): number[] {
  return (db.prepare('SELECT value FROM metrics WHERE name = ? AND ts >= ? ORDER BY value').all(name, since.toISOString()) as { value: number }[]).map(
    (r) => r.value,
  );
}

/** Hit rate from cache.hit / cache.miss since an instant; null when nothing was counted. */
export function cacheHitRate(db: Db, since: Date): number | null {
  const hits = sumMetric(db, 'cache.hit', since);
  const misses = sumMetric(db, 'cache.miss', since);
  return hits + misses === 0 ? null : hits / (hits + misses);
}

/** Deletes metrics older than `before`; returns how many. */
export function pruneMetrics(db: Db, before: Date): number {
  return db.prepare('DELETE FROM metrics WHERE ts < ?').run(before.toISOString()).changes;
}

/** How many values a metric recorded since an instant. */
export function countMetric(db: Db, name: string, since: Date): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM metrics WHERE name = ? AND ts >= ?').get(name, since.toISOString()) as { n: number }).n;
}
