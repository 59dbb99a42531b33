/** What each scheduled job does, on top of the market service and the store. */
import type { Deps } from '../deps.js';
import type { HistoryResult, RefreshResult } from '../market/types.js';
import { optimizeDb, type Db } from '../store/db.js';
import { pruneHttpLog } from '../store/http-log.js';
import { consecutiveFailures, nthLastFinishedStart, pruneJobRuns } from '../store/job-runs.js';
import { pruneMetrics } from '../store/metrics.js';
import { addNotification, pruneReadNotifications, raisedSince } from '../store/notifications.js';
import type { JobName } from './plan.js';
import type { JobContext, JobFn, JobResult } from './runner.js';
import { refreshAfterChange } from './refresh-stored.js';

/** Metrics, request logs and job runs older than this are pruned by housekeeping. */
export const RETENTION_DAYS = 30;
/** This many failed warms in a row raise one 'warm-failed' notification. */
export const WARM_FAILURES_TO_NOTIFY = 3;

function quoteSummary(r: RefreshResult): JobResult {
  const failed = r.failed.length;
  return {
    requests: r.apiCalls,
    failed: r.requested > 0 && r.fetched === 0 && r.cached === 0 && failed > 0,
    message: `${r.fetched} fetched, ${r.cached} cached, ${failed} failed, circuit ${r.circuit}${failed > 0 ? `: ${r.failed[0]?.symbol} ${r.failed[0]?.message}` : ''}`,
  };
}

function historySummary(r: HistoryResult): JobResult {
  const failed = r.failed.length;
  return {
    requests: r.apiCalls,
    failed: r.requested > 0 && r.fetched === 0 && r.cached === 0 && failed > 0,
    message: `${r.fetched} fetched, ${r.cached} cached, ${failed} failed, circuit ${r.circuit}${failed > 0 ? `: ${r.failed[0]?.symbol} ${r.failed[0]?.message}` : ''}`,
  };
}

// Alerts are checked by the market service's onQuotesStored listener (src/market/create.ts), so
// every quote that lands, here, in warm or in the dashboard, is checked once, in one place.

async function refreshQuotesJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const market = await deps.market();
  return quoteSummary(await market.refreshQuotes(ctx.symbols, { signal: ctx.signal, context: 'daemon' }));
}

async function refreshHistoryJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const market = await deps.market();
  const result = historySummary(await market.refreshHistory(ctx.symbols, { signal: ctx.signal, context: 'daemon' }));
  // FX history that landed can make the stored replays stale: replay now, not in the next report.
  await refreshAfterChange(deps, ctx.signal);
  return result;
}

async function fxJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const quotes = await refreshQuotesJob(deps, ctx);
  const history = await refreshHistoryJob(deps, ctx);
  return {
    requests: (quotes.requests ?? 0) + (history.requests ?? 0),
    failed: quotes.failed === true || history.failed === true,
    message: `quotes: ${quotes.message}; history: ${history.message}`,
  };
}

/** The full warm (src/jobs/warm.ts), which records its own job run and kv 'lastWarm'. */
async function warmJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const { warm } = await import('./warm.js');
  const s = await warm(deps, { signal: ctx.signal, context: 'daemon' });
  return {
    requests: s.apiCalls,
    failed: s.outcome !== 'ok',
    message: `${s.symbols} symbols; quotes ${s.quotes.fetched} fetched, ${s.quotes.failed} failed; history ${s.history.fetched} fetched, ${s.history.failed} failed; circuit ${s.circuit}`,
  };
}

function housekeepingJob(deps: Deps): JobResult {
  const db = deps.db();
  const cutoff = new Date(deps.clock.now().getTime() - RETENTION_DAYS * 86_400_000);
  const metrics = pruneMetrics(db, cutoff);
  const http = pruneHttpLog(db, cutoff);
  const runs = pruneJobRuns(db, cutoff);
  const notes = pruneReadNotifications(db, cutoff);
  optimizeDb(db);
  return { message: `pruned ${metrics} metrics, ${http} request logs, ${runs} job runs, ${notes} read notifications; optimized; WAL checkpointed` };
}

export function jobFunctions(deps: Deps): Record<JobName, JobFn> {
  return {
    quotes: (ctx) => refreshQuotesJob(deps, ctx),
    history: (ctx) => refreshHistoryJob(deps, ctx),
    fx: (ctx) => fxJob(deps, ctx),
    warm: (ctx) => warmJob(deps, ctx),
    housekeeping: async () => housekeepingJob(deps),
  };
}

/** Jobs that record their own job_runs row (warm does, whether run by cron or by the daemon). */
export const SELF_RECORDING_JOBS: ReadonlySet<string> = new Set(['warm']);

/**
 * A streak of failed warms (cron or daemon) raises one notification. Idempotent: it can be called
 * after every warm and on every heartbeat; it raises again only after a success ends the streak.
 */
export function noteWarmOutcome(db: Db, now: Date): boolean {
  const streak = consecutiveFailures(db, 'warm');
  if (streak < WARM_FAILURES_TO_NOTIFY) return false;
  const firstOfStreak = nthLastFinishedStart(db, 'warm', streak);
  if (firstOfStreak && raisedSince(db, 'warm-failed', firstOfStreak)) return false;
  addNotification(db, { kind: 'warm-failed', message: `the last ${streak} warms failed; prices are getting stale (see portfolio status)` }, now);
  return true;
}
