/**
 * The provider chain: one MarketProvider over many. Each symbol has its own route (order.ts); a
 * round asks every provider for the symbols currently at it, in that provider's batch size, all
 * providers at once; whatever one cannot price (down, refusing, backing off, unknown there, not
 * covered, or a price refused as implausible) moves to its next provider in the next round, in the
 * same run. Only bad input (`final`) stops a symbol early. Every quote and close carries the
 * provider that gave it.
 */
import { implausibility } from '../../core/plausibility.js';
import type { BreakerConfig } from '../../store/breaker.js';
import { breakerStateNow } from '../../store/breaker.js';
import type { Db } from '../../store/db.js';
import { lastClosesFor, recordRejections, type Rejection } from '../../store/provider-records.js';
import { failureOf, MarketError } from '../errors.js';
import type { CircuitState, MarketProvider, ProviderHistory, ProviderQuote, SymbolFailure } from '../types.js';
import type { ChainMember } from './member.js';
import { noteDividendDates, sparkCloses, type SparkCloses } from './closes.js';
import type { Route } from './order.js';

export interface ChainDeps {
  db: Db;
  now: () => Date;
  members: ReadonlyMap<string, ChainMember & { alias?: (symbol: string) => string }>;
  route: (symbol: string) => Route;
  /** Largest believable move from the last close, as a share (0.5 = 50%). */
  maxMove: number;
  breaker: BreakerConfig;
  /** How to add a provider, appended to equity failures when no keyed provider is configured. */
  hint: string | null;
  /** Whose circuit `circuit()` reports (default: yahoo). */
  primary?: string;
  /** Batch top-ups of closes for symbols whose first provider is yahoo (its spark). */
  spark?: Omit<SparkCloses, 'history'>;
}

type Attempt = SymbolFailure & { provider: string };

export const CHAIN_BATCH = 1000;

/** A provider that refused is not asked again by this chain for a while (each refusal costs a request). */
const REFUSAL_PAUSE_MS = 10 * 60_000;

export function createChain(deps: ChainDeps): MarketProvider {
  const members = deps.members;
  const pausedUntil = new Map<string, { until: number; why: string }>();
  const paused = (name: string): string | null => {
    const p = pausedUntil.get(name);
    return p && p.until > deps.now().getTime() ? p.why : null;
  };
  const noteRefusal = (name: string, f: SymbolFailure) => {
    if (f.refusing && !pausedUntil.has(name)) pausedUntil.set(name, { until: deps.now().getTime() + REFUSAL_PAUSE_MS, why: `${f.message} (not asked again for now)` });
  };

  function providerSymbol(name: string, route: Route, symbol: string): string {
    return route.alias.get(name) ?? members.get(name)?.alias?.(symbol) ?? symbol;
  }

  /** One failure for a symbol no provider could price, naming what each said. */
  function exhausted(symbol: string, route: Route, attempts: readonly Attempt[]): SymbolFailure {
    const tried = attempts.map((a) => `${a.provider}: ${a.message}`).join('; ');
    const noneLeft = attempts.length === 0 ? `no provider available for ${route.assetClass}` : `no provider left (${tried})`;
    const needsKey = deps.hint !== null && ['equity', 'etf', 'fund'].includes(route.assetClass);
    // Every provider answered for good (unknown, not covered, bad input, an empty or implausible answer; not a refusal): retrying will not help.
    const permanent = attempts.length > 0 && attempts.every((a) => a.unknown || a.notCovered || a.final || (a.temporary === false && !a.refusing));
    return {
      symbol,
      message: needsKey ? `${noneLeft}; ${deps.hint}` : noneLeft,
      temporary: !permanent,
      exhausted: true,
      ...(permanent && attempts.some((a) => a.unknown) ? { unknown: true } : {}),
    };
  }

  async function ask(name: string, items: { symbol: string; route: Route }[], signal?: AbortSignal, context?: string) {
    const member = members.get(name) as ChainMember;
    const why = paused(name);
    if (why) return { quotes: [], failures: items.map((it) => ({ symbol: it.symbol, message: why, temporary: true, refusing: true })) };
    const back = new Map<string, string>();
    for (const it of items) back.set(providerSymbol(name, it.route, it.symbol), it.symbol);
    const asked = [...back.keys()];
    const size = Math.max(1, member.maxBatchSize);
    const batches: string[][] = [];
    for (let i = 0; i < asked.length; i += size) batches.push(asked.slice(i, i + size));
    const quotes: ProviderQuote[] = [];
    const failures: SymbolFailure[] = [];
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const r = await member.quotes(batch, signal, context);
          quotes.push(...r.quotes);
          failures.push(...r.failures);
        } catch (err) {
          failures.push(...batch.map((s) => failureOf(s, err)));
        }
      }),
    );
    const rename = <T extends { symbol: string }>(x: T): T => ({ ...x, symbol: back.get(x.symbol) ?? x.symbol });
    return { quotes: quotes.filter((q) => back.has(q.symbol)).map(rename), failures: failures.map(rename) };
  }

  const chain: MarketProvider = {
    name: 'chain',
    maxBatchSize: CHAIN_BATCH,
    async quotes(symbols, signal, context) {
      const routes = new Map(symbols.map((s) => [s, deps.route(s)]));
      const step = new Map(symbols.map((s) => [s, 0]));
      const attempts = new Map<string, Attempt[]>(symbols.map((s) => [s, []]));
      const last = lastClosesFor(deps.db, symbols);
      const quotes: ProviderQuote[] = [];
      const failures: SymbolFailure[] = [];
      const rejections: Rejection[] = [];
      const priced = new Set<string>();
      let pending = [...symbols];
      while (pending.length > 0 && !signal?.aborted) {
        const groups = new Map<string, { symbol: string; route: Route }[]>();
        const next: string[] = [];
        for (const s of pending) {
          const route = routes.get(s) as Route;
          const name = route.providers[step.get(s) as number];
          if (name === undefined) failures.push(exhausted(s, route, attempts.get(s) as Attempt[]));
          else {
            const g = groups.get(name) ?? [];
            g.push({ symbol: s, route });
            groups.set(name, g);
          }
        }
        const answers = await Promise.all([...groups].map(async ([name, items]) => ({ name, items, ...(await ask(name, items, signal, context)) })));
        for (const { name, items, quotes: got, failures: failed } of answers) {
          const answered = new Set<string>();
          for (const q of got) {
            if (answered.has(q.symbol)) continue;
            answered.add(q.symbol);
            const reason = implausibility(q.price, last.get(q.symbol) ?? null, deps.maxMove);
            if (reason === null) {
              quotes.push({ ...q, source: name });
              priced.add(q.symbol);
            } else {
              rejections.push({ symbol: q.symbol, provider: name, price: q.price, reason });
              (attempts.get(q.symbol) as Attempt[]).push({ symbol: q.symbol, provider: name, message: reason, temporary: false });
            }
          }
          for (const f of failed) {
            noteRefusal(name, f);
            if (answered.has(f.symbol)) continue;
            answered.add(f.symbol);
            (attempts.get(f.symbol) as Attempt[]).push({ ...f, provider: name });
          }
          for (const it of items) {
            if (priced.has(it.symbol)) continue;
            const tried = attempts.get(it.symbol) as Attempt[];
            if (!answered.has(it.symbol)) tried.push({ symbol: it.symbol, provider: name, message: 'no answer for it', temporary: true });
            const lastTry = tried[tried.length - 1] as Attempt;
            if (lastTry.final) failures.push({ symbol: it.symbol, message: `${name}: ${lastTry.message}`, temporary: false, final: true });
            else {
              step.set(it.symbol, (step.get(it.symbol) as number) + 1);
              next.push(it.symbol);
            }
          }
        }
        pending = next;
      }
      recordRejections(deps.db, rejections, deps.now());
      noteDividendDates(deps.db, quotes, deps.now());
      return { quotes, failures };
    },
    async closes(requests, signal, context) {
      const spark = deps.spark;
      const viaSpark = requests.filter((r) => spark && deps.route(r.symbol).providers[0] === 'yahoo' && !paused('yahoo'));
      const others = requests.filter((r) => !viaSpark.includes(r));
      const failures: SymbolFailure[] = others.map((r) => ({ symbol: r.symbol, message: 'no batch for it', temporary: true, notCovered: true }));
      if (!spark || viaSpark.length === 0) return { histories: [], failures };
      const r = await sparkCloses({ ...spark, history: (s, f, t, sig, ctx) => chain.history(s, f, t, sig, ctx) }, viaSpark, signal, context);
      return { histories: r.histories, failures: [...failures, ...r.failures] };
    },
    async history(symbol, fromDate, toDate, signal, context): Promise<ProviderHistory> {
      const route = deps.route(symbol);
      const tried: Attempt[] = [];
      for (const name of route.providers) {
        const member = members.get(name) as ChainMember;
        const why = paused(name);
        if (why) {
          tried.push({ symbol, provider: name, message: why, temporary: true });
          continue;
        }
        try {
          const h = await member.history(providerSymbol(name, route, symbol), fromDate, toDate, signal, context);
          return { ...h, symbol, source: name };
        } catch (err) {
          const f = failureOf(symbol, err);
          if (f.final || signal?.aborted) throw err;
          noteRefusal(name, f);
          tried.push({ ...f, provider: name });
        }
      }
      const f = exhausted(symbol, route, tried);
      throw new MarketError(f.unknown ? 'unknown-symbol' : f.temporary ? 'network' : 'not-covered', f.message);
    },
    circuit(): CircuitState {
      const name = deps.primary ?? 'yahoo';
      return members.has(name) ? breakerStateNow(deps.db, name, deps.breaker, deps.now()) : 'closed';
    },
    requestCount: () => [...members.values()].reduce((n, m) => n + (m.requestCount?.() ?? 0), 0),
    close: () => {
      for (const m of members.values()) m.close?.();
    },
  };
  return chain;
}
