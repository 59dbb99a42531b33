/**
 * Cooperative locks in the database (warm, daemon). A holder whose process is gone, or whose
 * heartbeat is older than `staleAfterMs`, does not keep the lock: the next taker takes it over.
 */
import { hostname } from 'node:os';
import type { Db } from './db.js';

export const DAEMON_LOCK = 'daemon';
/** The daemon heartbeats every few seconds; a heartbeat older than this means it is gone or stuck. */
export const DAEMON_STALE_MS = 30_000;

export interface LockHolder {
  pid: number;
  host: string;
  acquiredAt: string;
  heartbeatAt: string;
  info: string | null;
}

export type LockResult = { acquired: true; tookOverFrom: LockHolder | null } | { acquired: false; holder: LockHolder };

export interface LockOptions {
  pid?: number;
  now?: Date;
  /** A heartbeat older than this means the holder is stuck or dead. */
  staleAfterMs?: number;
  info?: string;
}

/** True when a process with this pid exists on this host (signal 0 checks without touching it). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(db: Db, name: string): LockHolder | null {
  const row = db
    .prepare('SELECT pid, host, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt, info FROM locks WHERE name = ?')
    .get(name) as LockHolder | undefined;
  return row ?? null;
}

/** Whether a recorded holder still counts (alive on this host and heartbeating). */
export function holderIsLive(holder: LockHolder, now: Date, staleAfterMs: number): boolean {
  if (holder.host === hostname() && !pidAlive(holder.pid)) return false;
  return now.getTime() - Date.parse(holder.heartbeatAt) <= staleAfterMs;
}

export function tryAcquireLock(db: Db, name: string, options: LockOptions = {}): LockResult {
  const pid = options.pid ?? process.pid;
  const now = options.now ?? new Date();
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const iso = now.toISOString();
  return db
    .transaction((): LockResult => {
      const holder = readLock(db, name);
      if (holder && holder.pid !== pid && holderIsLive(holder, now, staleAfterMs)) {
        return { acquired: false, holder };
      }
      db.prepare(
        `INSERT INTO locks (name, pid, host, acquired_at, heartbeat_at, info) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET pid = excluded.pid, host = excluded.host,
           acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, info = excluded.info`,
      ).run(name, pid, hostname(), iso, iso, options.info ?? null);
      return { acquired: true, tookOverFrom: holder && holder.pid !== pid ? holder : null };
    })
    .immediate();
}

/** Refreshes the holder's heartbeat; false when the lock is no longer ours. */
export function heartbeatLock(db: Db, name: string, pid = process.pid, now = new Date()): boolean {
  return db.prepare('UPDATE locks SET heartbeat_at = ? WHERE name = ? AND pid = ?').run(now.toISOString(), name, pid).changes > 0;
}

export function releaseLock(db: Db, name: string, pid = process.pid): void {
  db.prepare('DELETE FROM locks WHERE name = ? AND pid = ?').run(name, pid);
}
