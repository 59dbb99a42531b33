/** Small key/value facts with an optional expiry: provider session (cookie, crumb), lastWarm, ... */
import type { Db } from './db.js';

export function kvGet(db: Db, key: string, now: Date = new Date()): string | null {
  const row = db.prepare('SELECT value, expires_at FROM kv WHERE key = ?').get(key) as { value: string; expires_at: string | null } | undefined;
  if (!row) return null;
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return null;
  return row.value;
}

export function kvSet(db: Db, key: string, value: string, options: { expiresAt?: Date | null; now?: Date } = {}): void {
  const now = options.now ?? new Date();
  db.prepare(
    `INSERT INTO kv (key, value, expires_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
  ).run(key, value, options.expiresAt ? options.expiresAt.toISOString() : null, now.toISOString());
}

export function kvDelete(db: Db, key: string): void {
  db.prepare('DELETE FROM kv WHERE key = ?').run(key);
}

export function kvGetJson<T>(db: Db, key: string, now?: Date): T | null {
  const text = kvGet(db, key, now);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
