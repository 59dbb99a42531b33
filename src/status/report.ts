/**
 * `portfolio status`: assembled from what is recorded locally (quotes, kv, locks, breaker, http_log,
 * metrics, job_runs). It never touches the network.
 */
import type { Config } from '../config.js';
import { quoteFreshness } from '../core/freshness.js';
import type { CircuitState } from '../core/market-data.js';
import { breakerStateNow } from '../store/breaker.js';
import type { Db } from '../store/db.js';
import { countHttp } from '../store/http-log.js';
import { latestRunPerJob, type JobRun } from '../store/job-runs.js';
import { kvGet } from '../store/kv.js';
import { holderIsLive, readLock } from '../store/locks.js';
import { cacheHitRate, countMetric, metricValues } from '../store/metrics.js';
import { quoteAges } from '../store/quote-cache.js';
import { unreadCount } from '../store/notifications.js';
import { DAEMON_LOCK, DAEMON_STALE_MS } from '../store/locks.js';
import { openPositions } from '../store/transactions.js';

export { DAEMON_LOCK, DAEMON_STALE_MS } from '../store/locks.js';

export interface StatusReport {
  symbols: { total: number; fresh: number; stale: number; missing: number };
  lastWarm: string | null;
  lastWarmResult: unknown;
  daemon: { running: boolean; pid: number | null; heartbeat: string | null; heartbeatAgeSeconds: number | null; startedAt: string | null };
  circuit: CircuitState;
  metrics24h: {
    apiCalls: number;
    cacheHitRate: number | null;
    errorRate: number | null;
    loads: number;
    loadMsP50: number | null;
    loadMsP95: number | null;
  };
  notificationsUnread: number;
  jobs: JobRun[];
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

/** Circuit state as persisted by the provider's breaker (an open one past its cool-down reads half-open). */
export function persistedCircuit(db: Db, config: Config, now: Date): CircuitState {
  return breakerStateNow(db, config.provider, config.breaker, now);
}

/** kv 'lastWarm' holds the warm's summary (JSON with a time) or a bare ISO time. */
function lastWarm(db: Db): { at: string | null; result: unknown } {
  const text = kvGet(db, 'lastWarm');
  if (text === null) return { at: null, result: null };
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // a bare ISO time
  }
  if (typeof parsed === 'string') return { at: Number.isNaN(Date.parse(parsed)) ? null : parsed, result: null };
  if (parsed && typeof parsed === 'object') {
    const o = parsed as Record<string, unknown>;
    const at = [o.at, o.finishedAt, o.endedAt, o.ts, o.time].find((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
    return { at: at ?? null, result: parsed };
  }
  return { at: null, result: parsed };
}

export function buildStatus(db: Db, config: Config, now: Date, wallNow: Date = new Date()): StatusReport {
  // Symbols held now: a position sold out needs no fresh quote.
  const held = [...openPositions(db)].sort();
  const quotes = quoteAges(db, held);
  const symbols = { total: held.length, fresh: 0, stale: 0, missing: 0 };
  for (const q of quotes) {
    const f = quoteFreshness(q.fetchedAt === null ? null : { ...q, fetchedAt: q.fetchedAt }, now, config.quoteTtlSeconds);
    symbols[f.state]++;
  }

  // Liveness is about real processes, so it uses the wall clock even when PORTFOLIO_NOW is set.
  const holder = readLock(db, DAEMON_LOCK);
  const running = holder !== null && holderIsLive(holder, wallNow, DAEMON_STALE_MS);
  const age = holder ? Math.max(0, (wallNow.getTime() - Date.parse(holder.heartbeatAt)) / 1000) : null;

  const since = new Date(now.getTime() - 86_400_000);
  const apiCalls = countHttp(db, since);
  const failed = apiCalls === 0 ? 0 : countHttp(db, since, { failedOnly: true });
  const loads = countMetric(db, 'dashboard.load', since);
  const frames = metricValues(db, 'dashboard.first_frame_ms', since);
  const warm = lastWarm(db);

  return {
    symbols,
    lastWarm: warm.at,
    lastWarmResult: warm.result,
    daemon: {
      running,
      pid: running && holder ? holder.pid : null,
      heartbeat: holder?.heartbeatAt ?? null,
      heartbeatAgeSeconds: age === null ? null : Math.round(age * 10) / 10,
      startedAt: running && holder ? holder.acquiredAt : null,
    },
    circuit: persistedCircuit(db, config, now),
    metrics24h: {
      apiCalls,
      cacheHitRate: cacheHitRate(db, since),
      errorRate: apiCalls === 0 ? null : failed / apiCalls,
      loads,
      loadMsP50: percentile(frames, 50),
      loadMsP95: percentile(frames, 95),
    },
    notificationsUnread: unreadCount(db),
    jobs: latestRunPerJob(db),
  };
}
