/** Price alerts as stored; the rules live in src/core/alerts.ts, the checking in src/alerts/alert-check.ts. */
import type { AlertKind } from '../core/alerts.js';
import type { Db } from './db.js';

export interface StoredAlert {
  id: number;
  symbol: string;
  kind: AlertKind;
  threshold: number;
  armed: boolean;
  createdAt: string;
  lastFiredAt: string | null;
}

interface AlertRow {
  id: number;
  symbol: string;
  kind: AlertKind;
  threshold: number;
  armed: number;
  created_at: string;
  last_fired_at: string | null;
}

const toAlert = (r: AlertRow): StoredAlert => ({
  id: r.id,
  symbol: r.symbol,
  kind: r.kind,
  threshold: r.threshold,
  armed: r.armed === 1,
  createdAt: r.created_at,
  lastFiredAt: r.last_fired_at,
});

export function addAlert(db: Db, a: { symbol: string; kind: AlertKind; threshold: number }, now: Date = new Date()): StoredAlert {
  const createdAt = now.toISOString();
  const id = Number(
    db.prepare('INSERT INTO alerts (symbol, kind, threshold, armed, created_at) VALUES (?, ?, ?, 1, ?)').run(a.symbol, a.kind, a.threshold, createdAt)
      .lastInsertRowid,
  );
  return { id, ...a, armed: true, createdAt, lastFiredAt: null };
}

export function listAlerts(db: Db, symbols?: readonly string[]): StoredAlert[] {
  const rows =
    symbols === undefined
      ? (db.prepare('SELECT * FROM alerts ORDER BY symbol, id').all() as AlertRow[])
      : (db
          .prepare('SELECT a.* FROM alerts a JOIN json_each(?) j ON j.value = a.symbol ORDER BY a.symbol, a.id')
          .all(JSON.stringify(symbols)) as AlertRow[]);
  return rows.map(toAlert);
}

export function getAlert(db: Db, id: number): StoredAlert | null {
  const row = db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
  return row ? toAlert(row) : null;
}

export function removeAlert(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM alerts WHERE id = ?').run(id).changes > 0;
}

/**
 * Disarms an armed alert and stamps it fired. Returns false when another process got there first,
 * so two checkers (daemon and dashboard) never fire the same crossing twice.
 */
export function claimFire(db: Db, id: number, now: Date = new Date()): boolean {
  return db.prepare('UPDATE alerts SET armed = 0, last_fired_at = ? WHERE id = ? AND armed = 1').run(now.toISOString(), id).changes > 0;
}

export function rearmAlert(db: Db, id: number): boolean {
  return db.prepare('UPDATE alerts SET armed = 1 WHERE id = ? AND armed = 0').run(id).changes > 0;
}

/** Every symbol with at least one alert, sorted. */
export function alertSymbols(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT symbol FROM alerts ORDER BY symbol').all() as { symbol: string }[]).map((r) => r.symbol);
}
