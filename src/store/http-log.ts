/** Every HTTP request made to a provider: what, for whom, how it went and how long it took. */
import { redact } from '../base/errors.js';
import type { Db } from './db.js';

export interface HttpLogEntry {
  provider: string;
  endpoint: string; // 'quote', 'chart', 'crumb', 'cookie'
  symbols?: readonly string[] | null;
  status: number | null; // null: no answer (timeout, reset)
  ms: number;
  error?: string | null;
  context?: string | null;
}

export function logHttp(db: Db, e: HttpLogEntry, now: Date = new Date()): void {
  db.prepare('INSERT INTO http_log (ts, provider, endpoint, symbols, status, ms, error, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    now.toISOString(),
    e.provider,
    e.endpoint,
    e.symbols && e.symbols.length > 0 ? e.symbols.join(',') : null,
    e.status,
    Math.round(e.ms * 10) / 10,
    e.error ? redact(e.error).slice(0, 500) : null,
    e.context ?? null,
  );
}

/** Number of requests logged since an instant (optionally only failed ones: no status or status >= 400). */
export function countHttp(db: Db, since: Date, options: { failedOnly?: boolean; provider?: string } = {}): number {
  const where = ['ts >= ?'];
  const args: unknown[] = [since.toISOString()];
  if (options.failedOnly) where.push('(status IS NULL OR status >= 400)');
  if (options.provider) {
    where.push('provider = ?');
    args.push(options.provider);
  }
  return (db.prepare(`SELECT COUNT(*) AS n FROM http_log WHERE ${where.join(' AND ')}`).get(...args) as { n: number }).n;
}

/** Highest http_log id so far: callers count their own requests as rows after it. */
export function lastHttpId(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM http_log').get() as { id: number }).id;
}

export function countHttpAfter(db: Db, id: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM http_log WHERE id > ?').get(id) as { n: number }).n;
}

/** Deletes request log rows older than `before`; returns how many. */
export function pruneHttpLog(db: Db, before: Date): number {
  return db.prepare('DELETE FROM http_log WHERE ts < ?').run(before.toISOString()).changes;
}
