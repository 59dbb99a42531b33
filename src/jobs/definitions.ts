/** What each scheduled job does, on top of the market service and the store. */
import type { Deps } from '../deps.js';
import type { MarketService, RefreshResult, SymbolFailure } from '../market/types.js';
import type { Db } from '../store/db.js';
import { consecutiveFailures, pruneJobRuns } from '../store/job-runs.js';
import { addNotification } from '../store/notifications.js';
import { getQuotes } from '../store/prices.js';
import { checkAlerts } from './alert-check.js';
import type { JobName } from './plan.js';
import type { JobContext, JobFn, JobResult } from './runner.js';

/** Metrics, request logs and job runs older than this are pruned by housekeeping. */
export const RETENTION_DAYS = 30;
/** This many failed warms in a row raise one 'warm-failed' notification. */
export const WARM_FAILURES_TO_NOTIFY = 3;

/** History refresh as the market service offers it (added by the market-data work). */
interface HistoryCapable {
  refreshHistory(symbols: readonly string[], options?: { signal?: AbortSignal; context?: string }): Promise<Partial<RefreshResult> & { apiCalls?: number; failed?: SymbolFailure[] | number }>;
}

function hasHistory(m: MarketService): m is MarketService & HistoryCapable {
  return typeof (m as Partial<HistoryCapable>).refreshHistory === 'function';
}

function failedCount(failed: SymbolFailure[] | number | undefined): number {
  return typeof failed === 'number' ? failed : (failed?.length ?? 0);
}

function quoteSummary(r: RefreshResult): JobResult {
  const failed = r.failed.length;
  return {
    requests: r.apiCalls,
    failed: r.requested > 0 && r.fetched === 0 && r.cached === 0 && failed > 0,
    message: `${r.fetched} fetched, ${r.cached} cached, ${failed} failed, circuit ${r.circuit}${failed > 0 ? `: ${r.failed[0]?.symbol} ${r.failed[0]?.message}` : ''}`,
  };
}

/** Alerts are checked on every quote that landed, whoever else also checks them. */
function checkLandedAlerts(db: Db, symbols: readonly string[], now: Date): number {
  const landed = [...getQuotes(db, symbols).values()];
  return checkAlerts(db, landed, now).fired.length;
}

async function refreshQuotesJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const market = await deps.market();
  const result = await market.refreshQuotes(ctx.symbols, { signal: ctx.signal, context: 'daemon' });
  const summary = quoteSummary(result);
  const fired = checkLandedAlerts(deps.db(), ctx.symbols, deps.clock.now());
  if (fired > 0) summary.message = `${summary.message}; ${fired} alert(s) fired`;
  return summary;
}

async function refreshHistoryJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const market = await deps.market();
  if (!hasHistory(market)) return { message: 'history refresh not available from this provider' };
  const r = await market.refreshHistory(ctx.symbols, { signal: ctx.signal, context: 'daemon' });
  const failed = failedCount(r.failed);
  return {
    requests: r.apiCalls ?? 0,
    failed: failed > 0 && failed >= ctx.symbols.length,
    message: `${ctx.symbols.length} symbols, ${failed} failed`,
  };
}

async function fxJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const quotes = await refreshQuotesJob(deps, ctx);
  const history = await refreshHistoryJob(deps, ctx);
  return {
    requests: (quotes.requests ?? 0) + (history.requests ?? 0),
    failed: quotes.failed === true && history.failed === true,
    message: `quotes: ${quotes.message}; history: ${history.message}`,
  };
}

async function warmJob(deps: Deps, ctx: JobContext): Promise<JobResult> {
  const market = await deps.market();
  const quotes = await market.refreshQuotes(ctx.symbols, { signal: ctx.signal, context: 'daemon', force: true });
  const q = quoteSummary(quotes);
  let requests = q.requests ?? 0;
  let historyNote = '';
  if (hasHistory(market)) {
    const h = await market.refreshHistory(ctx.symbols, { signal: ctx.signal, context: 'daemon' });
    requests += h.apiCalls ?? 0;
    historyNote = `; history: ${failedCount(h.failed)} failed`;
  }
  checkLandedAlerts(deps.db(), ctx.symbols, deps.clock.now());
  return { requests, failed: q.failed === true || quotes.circuit === 'open', message: `quotes: ${q.message}${historyNote}` };
}

function housekeepingJob(deps: Deps): JobResult {
  const db = deps.db();
  const cutoff = new Date(deps.clock.now().getTime() - RETENTION_DAYS * 86_400_000);
  const iso = cutoff.toISOString();
  const metrics = db.prepare('DELETE FROM metrics WHERE ts < ?').run(iso).changes;
  const http = db.prepare('DELETE FROM http_log WHERE ts < ?').run(iso).changes;
  const runs = pruneJobRuns(db, cutoff);
  const notes = db.prepare('DELETE FROM notifications WHERE read = 1 AND ts < ?').run(iso).changes;
  db.pragma('optimize');
  db.pragma('wal_checkpoint(TRUNCATE)');
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

/** After a warm: a streak of failures raises one notification (at the streak's threshold, not on every failure after it). */
export function noteWarmOutcome(db: Db, now: Date): boolean {
  const streak = consecutiveFailures(db, 'warm');
  if (streak !== WARM_FAILURES_TO_NOTIFY) return false;
  addNotification(db, { kind: 'warm-failed', message: `the last ${streak} warms failed; prices are getting stale (see portfolio status)` }, now);
  return true;
}
