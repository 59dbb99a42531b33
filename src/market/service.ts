/**
 * The MarketService: decides what to ask for (fresh quotes and covered history are skipped,
 * unknown symbols are not asked again for a day), asks in as few requests as the provider allows,
 * and writes each answer to the cache in one transaction as it lands.
 */
import type { Config } from '../config.js';
import { isFxPair } from '../core/currency.js';
import { addDays, todayIso } from '../core/dates.js';
import { needsQuote } from '../core/needs-quote.js';
import { dropFutureQuotes } from '../core/future-stamp.js';
import { marketFor, sessionAt, zonedParts } from '../core/market-hours.js';
import type { Quote } from '../core/types.js';
import { breakerStateNow } from '../store/breaker.js';
import { inTransaction, type Db } from '../store/db.js';
import { recordMetric } from '../store/metrics.js';
import { addNotification } from '../store/notifications.js';
import { getQuotes } from '../store/prices.js';
import { getCoverage, instrumentHints, instrumentTypes, markUnknown, storeHistory, unknownSymbols, upsertQuotes } from '../store/quote-cache.js';
import { firstTransactionDate } from '../store/transactions.js';
import { failureOf } from './errors.js';
import { storeClosesFromQuotes } from './close-from-quote.js';
import { topUpInBatches } from './history-batch.js';
import type {
  CircuitState,
  HistoryOptions,
  HistoryRequest,
  HistoryResult,
  MarketProvider,
  MarketService,
  ProviderQuote,
  RefreshOptions,
  RefreshResult,
  SymbolFailure,
} from './types.js';

export interface ServiceDeps {
  db: Db;
  now: () => Date;
  config: Pick<Config, 'quoteTtlSeconds' | 'breaker'>;
  provider: MarketProvider;
}

const UNKNOWN_FOR_MS = 86_400_000;

export function createService(deps: ServiceDeps): MarketService {
  const { db, provider } = deps;
  const listeners = new Set<(quotes: Quote[]) => void>();
  const requests = () => provider.requestCount?.() ?? 0;
  const circuit = (): CircuitState =>
    provider.circuit ? provider.circuit() : provider.name === 'sim' ? 'closed' : breakerStateNow(db, provider.name, deps.config.breaker, deps.now());

  function rememberUnknown(failures: readonly SymbolFailure[]): void {
    const now = deps.now();
    for (const f of failures) {
      if (!f.unknown) continue;
      inTransaction(db, () => {
        markUnknown(db, f.symbol, f.message, new Date(now.getTime() + UNKNOWN_FOR_MS));
        addNotification(db, { kind: 'unknown-symbol', symbol: f.symbol, message: `${f.symbol}: ${f.message}; not asked again for a day` }, now);
      }, { immediate: true });
    }
  }

  /** Runs tasks with the first one alone when the circuit is not closed, so an outage costs one probe. */
  async function runAll<T>(tasks: (() => Promise<T>)[]): Promise<void> {
    let rest = tasks;
    if (circuit() !== 'closed' && tasks.length > 0) {
      await (tasks[0] as () => Promise<T>)();
      rest = tasks.slice(1);
    }
    await Promise.all(rest.map((t) => t()));
  }

  function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
    if (!signal) return work.then(() => false);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return resolve(true);
      const onAbort = () => resolve(true);
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve(false);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  return {
    providerName: provider.name,

    async refreshQuotes(symbols, options: RefreshOptions = {}): Promise<RefreshResult> {
      const { signal, context } = options;
      const now = deps.now();
      const unique = [...new Set(symbols)];
      const unknown = unknownSymbols(db, now);
      // A forced refresh asks for everything: reading the cache only to ignore it costs up to a millisecond.
      const cached = options.force ? new Map<string, Quote>() : getQuotes(db, unique);
      const types = options.force ? new Map<string, string>() : instrumentTypes(db);
      const failed: SymbolFailure[] = [];
      const toFetch: string[] = [];
      let cachedCount = 0;
      for (const symbol of unique) {
        const reason = unknown.get(symbol);
        if (reason) failed.push({ symbol, message: reason, unknown: true, temporary: false });
        else if (!options.force && !needsQuote(cached.has(symbol) ? { ...(cached.get(symbol) as Quote), quoteType: types.get(symbol) ?? null } : null, now, deps.config.quoteTtlSeconds)) cachedCount++;
        else toFetch.push(symbol);
      }
      if (cachedCount > 0) recordMetric(db, 'cache.hit', cachedCount, context ?? 'quotes', now);
      if (toFetch.length > 0) recordMetric(db, 'cache.miss', toFetch.length, context ?? 'quotes', now);

      const size = Math.max(1, provider.maxBatchSize);
      const batches: string[][] = [];
      for (let i = 0; i < toFetch.length; i += size) batches.push(toFetch.slice(i, i + size));
      const before = requests();
      const handled = new Set<string>();
      let fetched = 0;
      let done = 0;
      const sources: Record<string, number> = {};

      const tasks = batches.map((batch, index) => async () => {
        let quotes: ProviderQuote[] = [];
        let failures: SymbolFailure[];
        try {
          const r = await provider.quotes(batch, signal, context);
          quotes = r.quotes;
          failures = r.failures;
        } catch (err) {
          failures = batch.map((s) => failureOf(s, err));
        }
        if (signal?.aborted) return; // the caller has moved on (and may have closed the db)
        const fetchedAt = deps.now().toISOString();
        const future = dropFutureQuotes(quotes, deps.now());
        failures.push(...future.refused.map((f) => ({ ...f, temporary: true })));
        const stored: Quote[] = future.kept.map((q) => ({
          symbol: q.symbol, price: q.price, previousClose: q.previousClose, currency: q.currency, name: q.name,
          marketTime: q.marketTime, marketState: q.marketState, exchangeTimezone: q.exchangeTimezone, fetchedAt, source: q.source ?? provider.name,
        }));
        const extra = new Map(future.kept.map((q) => [q.symbol, { quoteType: q.quoteType, exchange: q.exchange, week52Low: q.week52Low ?? null, week52High: q.week52High ?? null }]));
        upsertQuotes(db, stored, extra);
        if (provider.name !== 'sim') storeClosesFromQuotes(db, stored, extra, deps.now()); // sim has its own closes
        rememberUnknown(failures);
        for (const s of batch) handled.add(s);
        fetched += stored.length;
        for (const q of stored) sources[q.source] = (sources[q.source] ?? 0) + 1;
        failed.push(...failures);
        done += batch.length;
        options.onProgress?.({ done, total: toFetch.length, batch: index + 1, batches: batches.length, quotes: stored, failures });
        if (stored.length > 0) for (const l of listeners) safely(() => l(stored));
      });

      const aborted = await untilAborted(runAll(tasks), signal);
      if (aborted) for (const s of toFetch) if (!handled.has(s)) failed.push({ symbol: s, message: 'aborted', temporary: true });
      return { requested: unique.length, fetched, cached: cachedCount, failed, apiCalls: requests() - before, circuit: circuit(), sources, ...(aborted ? { aborted } : {}) };
    },

    async refreshHistory(input: readonly (HistoryRequest | string)[], options: HistoryOptions = {}): Promise<HistoryResult> {
      const reqs: HistoryRequest[] = input.map((r) => (typeof r === 'string' ? { symbol: r, from: defaultHistoryStart(db, r, deps.now()) } : r));
      const { signal, context } = options;
      const now = deps.now();
      const unknown = unknownSymbols(db, now);
      const tz = instrumentHints(db);
      const failed: SymbolFailure[] = [];
      const work: { symbol: string; ranges: [string, string][] }[] = [];
      let cached = 0;
      const merged = new Map<string, string>();
      for (const r of reqs) {
        const prev = merged.get(r.symbol);
        if (!prev || r.from < prev) merged.set(r.symbol, r.from);
      }
      for (const [symbol, from] of merged) {
        const reason = unknown.get(symbol);
        if (reason) {
          failed.push({ symbol, message: reason, unknown: true, temporary: false });
          continue;
        }
        const end = lastClosedDay(symbol, tz.get(symbol) ?? null, now);
        const cov = getCoverage(db, symbol);
        const ranges: [string, string][] = [];
        if (!cov) {
          if (from <= end) ranges.push([from, end]);
        } else {
          if (from < cov.from) ranges.push([from, addDays(cov.from, -1)]);
          if (cov.to < end) ranges.push([addDays(cov.to, 1), end]);
        }
        if (ranges.length === 0) cached++;
        else work.push({ symbol, ranges });
      }
      if (cached > 0) recordMetric(db, 'cache.hit', cached, context ?? 'history', now);
      if (work.length > 0) recordMetric(db, 'cache.miss', work.length, context ?? 'history', now);
      const before = requests();
      let fetched = 0;
      let done = 0;
      const handled = new Set<string>();
      // Top-ups in batches where the provider can (the chain: Yahoo's spark); the rest one by one.
      const batched = await topUpInBatches(db, provider, work, deps.now, signal, context);
      for (const s of batched) handled.add(s);
      fetched += batched.size;
      done += batched.size;
      const tasks = work.filter((w) => !batched.has(w.symbol)).map(({ symbol, ranges }) => async () => {
        let failure: SymbolFailure | null = null;
        for (const [a, b] of ranges) {
          try {
            const h = await provider.history(symbol, a, b, signal, context);
            if (signal?.aborted) return;
            storeHistory(db, h, { from: a, to: b }, h.source ?? provider.name, deps.now());
          } catch (err) {
            if (signal?.aborted) return;
            failure = failureOf(symbol, err);
            break;
          }
        }
        handled.add(symbol);
        if (failure) {
          failed.push(failure);
          rememberUnknown([failure]);
        } else fetched++;
        done++;
        options.onProgress?.({ done, total: work.length, symbol, failure });
      });
      const aborted = await untilAborted(runAll(tasks), signal);
      if (aborted) for (const w of work) if (!handled.has(w.symbol)) failed.push({ symbol: w.symbol, message: 'aborted', temporary: true });
      return { requested: merged.size, fetched, cached, failed, apiCalls: requests() - before, circuit: circuit(), ...(aborted ? { aborted } : {}) };
    },

    onQuotesStored(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    circuitState: circuit,
    close() {
      listeners.clear();
      provider.close?.();
    },
  };
}

/** A week before the symbol's first transaction (the ledger's first for FX pairs); a year back without any. */
export function defaultHistoryStart(db: Db, symbol: string, now: Date): string {
  const first = firstTransactionDate(db, isFxPair(symbol) ? undefined : symbol);
  return first ? addDays(first, -7) : addDays(todayIso(now), -365);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A listener's bug must not break refreshing.
  }
}

/** The last day whose close is final: the local date of the market's last close (yesterday for 24h markets). */
export function lastClosedDay(symbol: string, hint: { tz: string | null; type: string | null } | null, now: Date): string {
  const market = marketFor({ symbol, exchangeTimezone: hint?.tz ?? null, quoteType: hint?.type ?? null });
  if (market.kind === 'equity') {
    const last = sessionAt(market, now).lastClose;
    if (last) {
      const p = zonedParts(last, market.timezone);
      return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
    }
  }
  return addDays(todayIso(now), -1);
}
