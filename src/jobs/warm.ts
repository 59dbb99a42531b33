/**
 * `warm`: bring the cache up to date for everything held, for cron and the daemon.
 * Order matters when the provider is slow or a run is cut short: FX pairs first (they price
 * everything), then holdings by market value, biggest first, never-fetched before stale. Fresh
 * quotes (including any taken after their market closed) are skipped; history goes out only for
 * gaps. A 'warm' lock in the database keeps two runs (cron and daemon) from fetching the same
 * thing twice: a second run waits briefly for the first, then gives up with exit 75.
 */
import { TempFailureError } from '../base/errors.js';
import type { Deps } from '../deps.js';
import { fxSymbol, toMajorUnits } from '../core/currency.js';
import { addDays } from '../core/dates.js';
import { quoteFreshness } from '../core/freshness.js';
import { QuantityReplay } from '../core/quantities.js';
import { alertSymbols } from '../store/alerts.js';
import { inTransaction } from '../store/db.js';
import { finishJobRun, startJobRun } from '../store/job-runs.js';
import { kvSet } from '../store/kv.js';
import { heartbeatLock, releaseLock, tryAcquireLock } from '../store/locks.js';
import { getQuotes } from '../store/prices.js';
import { listTransactions } from '../store/transactions.js';
import { allWatchedSymbols } from '../store/watchlists.js';
import { sleep } from '../market/http.js';
import { symbolInfo } from '../market/symbols.js';
import { benchmarksOf } from '../config.js';
import type { CircuitState, HistoryRequest, HistoryResult, SymbolFailure } from '../market/types.js';
import { refreshAfterChange } from './refresh-stored.js';
import { warmOutcome } from './warm-outcome.js';

export interface WarmSummary {
  symbols: number;
  quotes: { fetched: number; cached: number; failed: number };
  history: { fetched: number; cached: number; failed: number };
  apiCalls: number;
  cacheHitRate: number;
  durationMs: number;
  errors: { symbol: string; message: string; kind: 'quote' | 'history'; temporary: boolean }[];
  circuit: CircuitState;
  /** Quotes stored per provider that gave them (yahoo, ecb, coingecko, tiingo, alphavantage). */
  sources: Record<string, number>;
  /** 'ok': nothing worth retrying failed; 'temporary-failure': retry later (exit 75). */
  outcome: 'ok' | 'temporary-failure';
  /** Why the outcome is not ok, in a sentence. */
  reason?: string;
  startedAt: string;
  finishedAt: string;
}

export interface WarmProgress {
  phase: 'quotes' | 'history';
  done: number;
  total: number;
}

export interface WarmOptions {
  /** Ask for quotes even when the cached ones are fresh. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: WarmProgress) => void;
  /** For the request log: 'warm' (default) or 'daemon'. */
  context?: string;
  /** How long to wait for another warm to finish before giving up (default 3 s). */
  lockWaitMs?: number;
  /** Record a job_runs row (default true; a scheduler that records its own runs passes false). */
  recordRun?: boolean;
}

const LOCK = 'warm';

export class WarmBusyError extends TempFailureError {
  static override readonly kind: string = 'WarmBusyError';
  constructor(pid: number, since: string) {
    super(`another warm is running (pid ${pid}, since ${since}); nothing fetched, try again later`);
  }
}

interface Plan {
  quoteSymbols: string[];
  history: HistoryRequest[];
}

/** What to ask for, biggest and stalest first: reads the ledger, alerts and cached quotes (no network, no writes). */
export function planWarm(deps: Deps): Plan {
  const db = deps.db();
  const base = deps.config().baseCurrency;
  const now = deps.clock.now();
  const txs = listTransactions(db);
  const qty = new QuantityReplay();
  const first = new Map<string, string>();
  const currencies = new Set<string>();
  let ledgerStart: string | null = null;
  for (const t of [...txs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id))) {
    currencies.add(t.currency);
    if (ledgerStart === null || t.date < ledgerStart) ledgerStart = t.date;
    if (!t.symbol) continue;
    if (!first.has(t.symbol)) first.set(t.symbol, t.date);
    qty.apply(t);
    // Renamed or spun-off shares need their own history from the day they arrived.
    if ((t.type === 'rename' || t.type === 'spinoff') && t.toSymbol && !first.has(t.toSymbol)) first.set(t.toSymbol, t.date);
  }
  const alerted = alertSymbols(db);
  const held = qty.open();
  const cached = getQuotes(db);
  for (const s of held) {
    // Before the first quote, the symbol's suffix tells its currency (SAP.DE: EUR), so FX goes out in the same run.
    currencies.add(cached.get(s)?.currency ?? toMajorUnits(symbolInfo(s).currency).currency);
  }
  currencies.delete(base);
  const fx = [...currencies].sort().map((c) => fxSymbol(c, base));
  const rate = (currency: string) => (currency === base ? 1 : (cached.get(fxSymbol(currency, base))?.price ?? 1));
  const ttl = deps.config().quoteTtlSeconds;
  const score = (s: string) => {
    const q = cached.get(s);
    const value = q ? qty.get(s) * q.price * rate(q.currency) : Number.POSITIVE_INFINITY; // never fetched: first
    const f = quoteFreshness(q ? { ...q, symbol: s } : null, now, ttl);
    return { value, age: f.ageSeconds ?? Number.POSITIVE_INFINITY };
  };
  // Watched symbols ride in the same quote batches (no history: a chart asks for that).
  const ranked = [...new Set([...held, ...alerted, ...allWatchedSymbols(db)])]
    .map((s) => ({ s, ...score(s) }))
    .sort((a, b) => b.value - a.value || b.age - a.age || (a.s < b.s ? -1 : 1))
    .map((r) => r.s);
  const start = (d: string) => addDays(d, -7); // the close on or before the first day must exist too
  const history: HistoryRequest[] = [
    ...(ledgerStart ? fx.map((symbol) => ({ symbol, from: start(ledgerStart as string) })) : []),
    ...[...first].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([symbol, d]) => ({ symbol, from: start(d) })),
  ];
  // Configured benchmarks: their closes over the ledger's life, so `performance --benchmark` needs no request.
  for (const b of benchmarksOf(deps.config())) if (ledgerStart && !first.has(b)) history.push({ symbol: b, from: start(ledgerStart) });
  return { quoteSymbols: [...fx, ...ranked.filter((s) => !fx.includes(s))], history };
}

async function acquire(deps: Deps, waitMs: number, signal?: AbortSignal): Promise<void> {
  const db = deps.db();
  const deadline = Date.now() + waitMs;
  for (;;) {
    const r = tryAcquireLock(db, LOCK, { now: deps.clock.now(), info: 'portfolio warm', staleAfterMs: 120_000 });
    if (r.acquired) return;
    if (Date.now() >= deadline) throw new WarmBusyError(r.holder.pid, r.holder.acquiredAt);
    await sleep(200, signal);
  }
}

/**
 * Fills the cache, then stores the replays the reports read (src/jobs/refresh-stored.ts): FX history
 * that landed, a new pair's first closes after an import of trades in a new currency, can make
 * them stale, and the next report should not pay for that. Outside the warm lock and its job run.
 */
export async function warm(deps: Deps, options: WarmOptions = {}): Promise<WarmSummary> {
  const summary = await fillCache(deps, options);
  await refreshAfterChange(deps, options.signal);
  return summary;
}

async function fillCache(deps: Deps, options: WarmOptions): Promise<WarmSummary> {
  const t0 = performance.now();
  const db = deps.db();
  const startedAt = deps.clock.now().toISOString();
  await acquire(deps, options.lockWaitMs ?? 3000, options.signal);
  const beat = setInterval(() => heartbeatLock(db, LOCK, process.pid, deps.clock.now()), 15_000);
  beat.unref();
  const runId = options.recordRun === false ? null : startJobRun(db, 'warm', deps.clock.now());
  try {
    const market = await deps.market();
    const plan = planWarm(deps);
    const context = options.context ?? 'warm';
    const q = await market.refreshQuotes(plan.quoteSymbols, {
      force: options.force,
      signal: options.signal,
      context,
      onProgress: (p) => options.onProgress?.({ phase: 'quotes', done: p.done, total: p.total }),
    });
    // Every quote failed for a temporary reason: the provider is unreachable, so history is not tried
    // (a hung provider would otherwise cost more timeouts before the breaker opens).
    const unreachable = q.fetched === 0 && q.failed.length > 0 && q.failed.every((f) => f.temporary !== false);
    const h = options.signal?.aborted || unreachable
      ? skippedHistory(plan.history, market.circuitState(), options.signal?.aborted ? 'not tried: aborted' : 'not tried: the provider is unreachable')
      : await market.refreshHistory(plan.history, {
          signal: options.signal,
          context,
          onProgress: (p) => options.onProgress?.({ phase: 'history', done: p.done, total: p.total }),
        });
    const errors = [
      ...q.failed.map((f) => toError(f, 'quote')),
      ...h.failed.map((f) => toError(f, 'history')),
    ];
    const hits = q.cached + h.cached;
    const asked = hits + q.fetched + h.fetched + errors.length;
    const finishedAt = deps.clock.now().toISOString();
    const summary: WarmSummary = {
      symbols: new Set([...plan.quoteSymbols, ...plan.history.map((r) => r.symbol)]).size,
      quotes: { fetched: q.fetched, cached: q.cached, failed: q.failed.length },
      history: { fetched: h.fetched, cached: h.cached, failed: h.failed.length },
      apiCalls: q.apiCalls + h.apiCalls,
      cacheHitRate: asked === 0 ? 1 : hits / asked,
      durationMs: Math.round(performance.now() - t0),
      errors,
      circuit: market.circuitState(),
      sources: q.sources ?? {},
      ...warmOutcome(q.fetched + h.fetched, [...q.failed, ...h.failed]),
      startedAt,
      finishedAt,
    };
    const message = `${summary.symbols} symbols; quotes ${q.fetched} fetched, ${q.cached} cached, ${q.failed.length} failed; history ${h.fetched} fetched, ${h.cached} cached, ${h.failed.length} failed; circuit ${summary.circuit}`;
    inTransaction(db, () => {
      kvSet(db, 'lastWarm', JSON.stringify({ at: finishedAt, ...summary }), { now: deps.clock.now() });
      if (runId !== null) finishJobRun(db, runId, { outcome: options.signal?.aborted ? 'aborted' : summary.outcome === 'ok' ? 'ok' : 'failed', requests: summary.apiCalls, message }, deps.clock.now());
    }, { immediate: true });
    return summary;
  } catch (err) {
    if (runId !== null) finishJobRun(db, runId, { outcome: options.signal?.aborted ? 'aborted' : 'failed', message: (err as Error).message }, deps.clock.now());
    throw err;
  } finally {
    clearInterval(beat);
    releaseLock(db, LOCK);
  }
}

function skippedHistory(reqs: readonly HistoryRequest[], circuit: CircuitState, message: string): HistoryResult {
  const symbols = [...new Set(reqs.map((r) => r.symbol))];
  const failed = symbols.map((symbol) => ({ symbol, message, temporary: true }));
  return { requested: symbols.length, fetched: 0, cached: 0, failed, apiCalls: 0, circuit };
}

function toError(f: SymbolFailure, kind: 'quote' | 'history') {
  return { symbol: f.symbol, message: f.message, kind, temporary: f.temporary !== false };
}
