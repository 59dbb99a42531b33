/** One row per scheduled job run (or skipped tick): start, end, outcome, requests made. */
import type { Db } from './db.js';

export type JobOutcome = 'running' | 'ok' | 'failed' | 'skipped' | 'aborted';

export interface JobRun {
  id: number;
  job: string;
  startedAt: string;
  endedAt: string | null;
  outcome: JobOutcome;
  requests: number;
  message: string | null;
}

interface JobRunRow {
  id: number;
  job: string;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  requests: number;
  message: string | null;
}

const toRun = (r: JobRunRow): JobRun => ({
  id: r.id,
  job: r.job,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  outcome: (r.outcome ?? 'running') as JobOutcome,
  requests: r.requests,
  message: r.message,
});

export function startJobRun(db: Db, job: string, now: Date = new Date()): number {
  return Number(db.prepare("INSERT INTO job_runs (job, started_at, outcome) VALUES (?, ?, 'running')").run(job, now.toISOString()).lastInsertRowid);
}

export function finishJobRun(
  db: Db,
  id: number,
  result: { outcome: Exclude<JobOutcome, 'running'>; requests?: number; message?: string | null },
  now: Date = new Date(),
): void {
  db.prepare('UPDATE job_runs SET ended_at = ?, outcome = ?, requests = ?, message = ? WHERE id = ?').run(
    now.toISOString(),
    result.outcome,
    result.requests ?? 0,
    result.message ?? null,
    id,
  );
}

/**
 * A tick that did not run (overlap, nothing to do): recorded so the schedule's behaviour is visible.
 * Consecutive skips of a job for the same reason extend one row (ended_at moves on) instead of
 * adding one per tick, so a seconds-level schedule over a weekend does not grow the table.
 */
export function recordSkippedRun(db: Db, job: string, message: string, now: Date = new Date()): number {
  const iso = now.toISOString();
  const last = db.prepare('SELECT id, outcome, message FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT 1').get(job) as
    | { id: number; outcome: string | null; message: string | null }
    | undefined;
  if (last && last.outcome === 'skipped' && last.message === message) {
    db.prepare('UPDATE job_runs SET ended_at = ? WHERE id = ?').run(iso, last.id);
    return last.id;
  }
  return Number(
    db.prepare("INSERT INTO job_runs (job, started_at, ended_at, outcome, message) VALUES (?, ?, ?, 'skipped', ?)").run(job, iso, iso, message)
      .lastInsertRowid,
  );
}

export function lastJobRuns(db: Db, options: { job?: string; limit?: number } = {}): JobRun[] {
  const rows = (
    options.job === undefined
      ? db.prepare('SELECT * FROM job_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(options.limit ?? 20)
      : db.prepare('SELECT * FROM job_runs WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(options.job, options.limit ?? 20)
  ) as JobRunRow[];
  return rows.map(toRun);
}

/** The latest run of each job (skips included). */
export function latestRunPerJob(db: Db): JobRun[] {
  const rows = db
    .prepare('SELECT r.* FROM job_runs r WHERE r.id = (SELECT MAX(id) FROM job_runs x WHERE x.job = r.job) ORDER BY r.job')
    .all() as JobRunRow[];
  return rows.map(toRun);
}

/** How many of the job's most recent finished runs failed in a row (skips ignored). */
export function consecutiveFailures(db: Db, job: string): number {
  const rows = db
    .prepare("SELECT outcome FROM job_runs WHERE job = ? AND outcome IN ('ok','failed') ORDER BY id DESC LIMIT 50")
    .all(job) as { outcome: string }[];
  let n = 0;
  for (const r of rows) {
    if (r.outcome !== 'failed') break;
    n++;
  }
  return n;
}

/** Runs left 'running' by a daemon that died are closed as aborted, so they do not look live forever. */
export function closeOrphanRuns(db: Db, now: Date = new Date()): number {
  return db.prepare("UPDATE job_runs SET ended_at = ?, outcome = 'aborted', message = 'daemon stopped' WHERE outcome = 'running'").run(now.toISOString())
    .changes;
}

export function pruneJobRuns(db: Db, before: Date): number {
  return db.prepare('DELETE FROM job_runs WHERE started_at < ?').run(before.toISOString()).changes;
}

/**
 * A run that did nothing (ok, no requests) right after an identical one merges into it (the
 * earlier row's ended_at moves on), so a seconds-level schedule over cached data stays one row.
 */
export function coalesceNoopRun(db: Db, id: number): boolean {
  return db
    .transaction(() => {
      const cur = db.prepare('SELECT * FROM job_runs WHERE id = ?').get(id) as JobRunRow | undefined;
      if (!cur || cur.outcome !== 'ok' || cur.requests !== 0) return false;
      const prev = db.prepare('SELECT * FROM job_runs WHERE job = ? AND id < ? ORDER BY id DESC LIMIT 1').get(cur.job, id) as JobRunRow | undefined;
      if (!prev || prev.outcome !== 'ok' || prev.requests !== 0 || prev.message !== cur.message) return false;
      db.prepare('UPDATE job_runs SET ended_at = ? WHERE id = ?').run(cur.ended_at, prev.id);
      db.prepare('DELETE FROM job_runs WHERE id = ?').run(id);
      return true;
    })
    .immediate();
}

/** When the `n`th most recent finished (ok or failed) run of `job` started; null when there are fewer. */
export function nthLastFinishedStart(db: Db, job: string, n: number): Date | null {
  const row = db
    .prepare("SELECT started_at AS s FROM job_runs WHERE job = ? AND outcome IN ('ok','failed') ORDER BY id DESC LIMIT 1 OFFSET ?")
    .get(job, n - 1) as { s: string } | undefined;
  return row ? new Date(row.s) : null;
}
