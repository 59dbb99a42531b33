/** Notifications raised by alerts and the refreshers; shown by the dashboard and `portfolio notifications`. */
import type { Db } from './db.js';

export type NotificationKind =
  | 'provider-down'
  | 'provider-recovered'
  | 'warm-failed'
  | 'unknown-symbol'
  | 'alert'
  | 'info';

export interface Notification {
  id: number;
  ts: string;
  kind: NotificationKind;
  message: string;
  symbol: string | null;
  read: boolean;
}

export function addNotification(
  db: Db,
  n: { kind: NotificationKind; message: string; symbol?: string | null },
  now: Date = new Date(),
): Notification {
  const ts = now.toISOString();
  const id = Number(
    db
      .prepare('INSERT INTO notifications (ts, kind, message, symbol) VALUES (?, ?, ?, ?)')
      .run(ts, n.kind, n.message, n.symbol ?? null).lastInsertRowid,
  );
  return { id, ts, kind: n.kind, message: n.message, symbol: n.symbol ?? null, read: false };
}

export function listNotifications(db: Db, options: { all?: boolean; limit?: number } = {}): Notification[] {
  const rows = db
    .prepare(
      `SELECT id, ts, kind, message, symbol, read FROM notifications
       ${options.all ? '' : 'WHERE read = 0'} ORDER BY ts DESC, id DESC LIMIT ?`,
    )
    .all(options.limit ?? 1000) as (Omit<Notification, 'read'> & { read: number })[];
  return rows.map((r) => ({ ...r, read: r.read === 1 }));
}

export function unreadCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE read = 0').get() as { n: number }).n;
}

export function markRead(db: Db, ids: readonly number[]): void {
  const stmt = db.prepare('UPDATE notifications SET read = 1 WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) stmt.run(id);
  })();
}

/** Notifications not yet handed to a delivery channel, newest last, raised at or after `since`. */
export function undelivered(db: Db, since: Date, limit = 50): Notification[] {
  const rows = db
    .prepare(
      `SELECT id, ts, kind, message, symbol, read FROM notifications
       WHERE delivered_at IS NULL AND delivery_error IS NULL AND ts >= ? ORDER BY id LIMIT ?`,
    )
    .all(since.toISOString(), limit) as (Omit<Notification, 'read'> & { read: number })[];
  return rows.map((r) => ({ ...r, read: r.read === 1 }));
}

/** Claims one notification for delivery; false when another process already took it. */
export function claimDelivery(db: Db, id: number, now: Date = new Date()): boolean {
  return (
    db.prepare('UPDATE notifications SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL AND delivery_error IS NULL').run(now.toISOString(), id)
      .changes > 0
  );
}

/** A failed delivery is noted on the notification (never fatal); it stays in the list either way. */
export function recordDeliveryError(db: Db, id: number, error: string): void {
  db.prepare('UPDATE notifications SET delivery_error = ? WHERE id = ?').run(error.slice(0, 500), id);
}

export function deliveryState(db: Db, id: number): { deliveredAt: string | null; deliveryError: string | null } | null {
  const row = db.prepare('SELECT delivered_at AS deliveredAt, delivery_error AS deliveryError FROM notifications WHERE id = ?').get(id) as
    | { deliveredAt: string | null; deliveryError: string | null }
    | undefined;
  return row ?? null;
}

/** True when a notification of this kind (and symbol) was raised at or after `since` (to avoid repeats). */
export function raisedSince(db: Db, kind: NotificationKind, since: Date, symbol?: string | null): boolean {
  const row = db
    .prepare('SELECT 1 AS x FROM notifications WHERE kind = ? AND ts >= ? AND (? IS NULL OR symbol = ?) LIMIT 1')
    .get(kind, since.toISOString(), symbol ?? null, symbol ?? null);
  return row !== undefined;
}

/** Deletes read notifications older than `before`; returns how many. */
export function pruneReadNotifications(db: Db, before: Date): number {
  return db.prepare('DELETE FROM notifications WHERE read = 1 AND ts < ?').run(before.toISOString()).changes;
}
