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
