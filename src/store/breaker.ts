/**
 * The circuit breaker's state, kept in SQLite so that every process on one database (a cron `warm`,
 * the daemon, a dashboard) sees one breaker. Each HTTP attempt asks `breakerAllow` first and reports
 * with `breakerSuccess` / `breakerFailure`. Every transition is one IMMEDIATE transaction, so two
 * processes racing for the half-open probe cannot both win it.
 *   closed --N consecutive failures--> open --cooldown--> half-open (one probe)
 *   half-open --probe ok--> closed;  half-open --probe fails--> open (cooldown again)
 */
import type { Db } from './db.js';
import { addNotification } from './notifications.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerRow {
  state: BreakerState;
  failures: number;
  openedAt: string | null;
  probeAt: string | null;
}

export interface BreakerConfig {
  failureThreshold: number;
  cooldownSeconds: number;
}

export function readBreaker(db: Db, name: string): BreakerRow {
  const row = db.prepare('SELECT state, failures, opened_at AS openedAt, probe_at AS probeAt FROM breaker WHERE name = ?').get(name) as
    | BreakerRow
    | undefined;
  return row ?? { state: 'closed', failures: 0, openedAt: null, probeAt: null };
}

/** The state as a reader should report it: an open breaker past its cooldown is half-open. */
export function breakerStateNow(db: Db, name: string, config: BreakerConfig, now: Date): BreakerState {
  const b = readBreaker(db, name);
  if (b.state === 'open' && b.openedAt && now.getTime() - Date.parse(b.openedAt) >= config.cooldownSeconds * 1000) return 'half-open';
  return b.state;
}

function write(db: Db, name: string, b: BreakerRow, now: Date): void {
  db.prepare(
    `INSERT INTO breaker (name, state, failures, opened_at, probe_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET state = excluded.state, failures = excluded.failures, opened_at = excluded.opened_at,
       probe_at = excluded.probe_at, updated_at = excluded.updated_at`,
  ).run(name, b.state, b.failures, b.openedAt, b.probeAt, now.toISOString());
}

export type Admission = { allowed: true; probe: boolean } | { allowed: false; state: BreakerState; retryAt: Date | null };

/** May a request go out now? While half-open exactly one caller (the probe) is let through. */
export function breakerAllow(db: Db, name: string, config: BreakerConfig, now: Date): Admission {
  return db
    .transaction((): Admission => {
      const b = readBreaker(db, name);
      if (b.state === 'closed') return { allowed: true, probe: false };
      const cooldownMs = config.cooldownSeconds * 1000;
      const since = Date.parse((b.state === 'open' ? b.openedAt : b.probeAt) ?? now.toISOString());
      // A probe that never reported back (its process died) is given up after one cooldown.
      if (now.getTime() - since >= cooldownMs) {
        write(db, name, { ...b, state: 'half-open', probeAt: now.toISOString() }, now);
        return { allowed: true, probe: true };
      }
      return { allowed: false, state: b.state, retryAt: new Date(since + cooldownMs) };
    })
    .immediate();
}

export function breakerSuccess(db: Db, name: string, now: Date): void {
  const b = readBreaker(db, name);
  if (b.state === 'closed' && b.failures === 0) return; // the common case costs one read
  db.transaction(() => {
    const cur = readBreaker(db, name);
    write(db, name, { state: 'closed', failures: 0, openedAt: null, probeAt: null }, now);
    if (cur.state !== 'closed') {
      addNotification(db, { kind: 'provider-recovered', message: `${name} answers again; the circuit is closed` }, now);
    }
  }).immediate();
}

/** Records a failed attempt; returns the state after it. */
export function breakerFailure(db: Db, name: string, config: BreakerConfig, now: Date, reason: string): BreakerState {
  return db
    .transaction((): BreakerState => {
      const b = readBreaker(db, name);
      const failures = b.failures + 1;
      if (b.state === 'half-open' || (b.state === 'closed' && failures >= config.failureThreshold)) {
        write(db, name, { state: 'open', failures, openedAt: now.toISOString(), probeAt: null }, now);
        if (b.state === 'closed') {
          addNotification(
            db,
            { kind: 'provider-down', message: `${name} is failing (${reason}); pausing requests for ${config.cooldownSeconds} s, cached prices kept` },
            now,
          );
        }
        return 'open';
      }
      write(db, name, { ...b, failures }, now);
      return b.state;
    })
    .immediate();
}

export function resetBreaker(db: Db, name: string): void {
  db.prepare('DELETE FROM breaker WHERE name = ?').run(name);
}
