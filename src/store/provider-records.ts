/**
 * What the provider chain reads and records beyond quotes and closes: the last close (with whether a
 * split came after it) for the plausibility rule, refused prices with their reason, and per-provider
 * request counts for `status`.
 */
import type { LastClose } from '../core/plausibility.js';
import type { Db } from './db.js';

export function lastClosesFor(db: Db, symbols: readonly string[]): Map<string, LastClose> {
  const out = new Map<string, LastClose>();
  if (symbols.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT l.symbol, l.date, l.close, EXISTS (SELECT 1 FROM market_events e WHERE e.symbol = l.symbol AND e.kind = 'split' AND e.date > l.date) AS split
       FROM json_each(?) j JOIN last_closes l ON l.symbol = j.value`,
    )
    .all(JSON.stringify(symbols)) as { symbol: string; date: string; close: number; split: number }[];
  for (const r of rows) out.set(r.symbol, { date: r.date, close: r.close, splitSince: r.split === 1 });
  return out;
}

export interface Rejection {
  symbol: string;
  provider: string;
  price: number | null;
  reason: string;
}

export function recordRejections(db: Db, rows: readonly Rejection[], now: Date): void {
  if (rows.length === 0) return;
  const stmt = db.prepare('INSERT INTO price_rejections (ts, symbol, provider, price, reason) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) stmt.run(now.toISOString(), r.symbol, r.provider, Number.isFinite(r.price) ? r.price : null, r.reason.slice(0, 300));
  }).immediate();
}

export function recentRejections(db: Db, since: Date): (Rejection & { ts: string })[] {
  return db.prepare('SELECT ts, symbol, provider, price, reason FROM price_rejections WHERE ts >= ? ORDER BY id').all(since.toISOString()) as (Rejection & { ts: string })[];
}

/** Requests and failed requests (no answer, or status >= 400) per provider since an instant. */
export function providerRequests(db: Db, since: Date): Map<string, { requests: number; failures: number }> {
  const rows = db
    .prepare(
      `SELECT provider, COUNT(*) AS requests, SUM(CASE WHEN status IS NULL OR status >= 400 THEN 1 ELSE 0 END) AS failures
       FROM http_log WHERE ts >= ? GROUP BY provider`,
    )
    .all(since.toISOString()) as { provider: string; requests: number; failures: number }[];
  return new Map(rows.map((r) => [r.provider, { requests: r.requests, failures: r.failures }]));
}

/** Symbols whose corporate events need a chart: symbol -> the day to fetch from. */
export function pendingEvents(db: Db): Map<string, string> {
  const rows = db.prepare("SELECT key, value FROM kv WHERE key LIKE 'history.event:%'").all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key.slice('history.event:'.length), r.value]));
}

export function markEvent(db: Db, symbol: string, from: string, now: Date): void {
  db.prepare(
    `INSERT INTO kv (key, value, expires_at, updated_at) VALUES (?, ?, NULL, ?)
     ON CONFLICT(key) DO UPDATE SET value = MIN(kv.value, excluded.value), updated_at = excluded.updated_at`,
  ).run(`history.event:${symbol}`, from, now.toISOString());
}

export function clearEvent(db: Db, symbol: string): void {
  db.prepare('DELETE FROM kv WHERE key = ?').run(`history.event:${symbol}`);
}

/** Whether a dividend is stored for the symbol within [from, to]. */
export function hasDividendBetween(db: Db, symbol: string, from: string, to: string): boolean {
  return db.prepare("SELECT 1 FROM market_events WHERE symbol = ? AND kind = 'dividend' AND date >= ? AND date <= ?").get(symbol, from, to) !== undefined;
}
