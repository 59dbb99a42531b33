/**
 * Which symbols a job tick should touch, and whether it should run at all. Pure: the scheduler's
 * decisions are tested on a fake clock without node-cron timing.
 */
import type { FreshnessInput } from '../core/freshness.js';
import { isFxPair } from '../core/currency.js';
import { marketFor, sessionAt } from '../core/market-hours.js';
import { needsQuote } from '../core/needs-quote.js';

export const JOB_NAMES = ['quotes', 'history', 'fx', 'warm', 'housekeeping'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface SymbolInfo {
  symbol: string;
  exchangeTimezone?: string | null;
  quoteType?: string | null;
  /** The cached quote (null: never fetched). The quotes tick asks only for those that need it. */
  quote?: FreshnessInput | null;
}

export type TickPlan = { run: true; symbols: string[] } | { run: false; reason: string };

export interface TickInput {
  job: JobName;
  now: Date;
  /** A run of this job is still going. */
  busy: boolean;
  /** Held symbols (and the FX pairs they need) with what is known of their market. */
  symbols: readonly SymbolInfo[];
  /** config.quoteTtlSeconds: how long a quote stays good while its market is open. */
  ttlSeconds: number;
}

/**
 * Symbols whose daily close is settled: their market is closed now. Always-open markets (crypto)
 * are included too, since yesterday's bar is final at any time.
 */
export function symbolsWithSettledClose(symbols: readonly SymbolInfo[], now: Date): string[] {
  return symbols
    .filter((s) => {
      const market = marketFor(s);
      if (market.kind === 'crypto' || market.kind === 'unknown') return true;
      return !sessionAt(market, now).open;
    })
    .map((s) => s.symbol);
}

export function planTick(input: TickInput): TickPlan {
  if (input.busy) return { run: false, reason: 'previous run still going (overlap skipped)' };
  const all = input.symbols.map((s) => s.symbol);
  switch (input.job) {
    case 'quotes': {
      if (all.length === 0) return { run: false, reason: 'no held symbols' };
      // The one refresh rule (core/needs-quote): never fetched or taken before the market's last
      // close -> fetch, even when no market is open; only quotes still good are skipped.
      const due = input.symbols.filter((s) => needsQuote(s.quote ?? null, input.now, input.ttlSeconds)).map((s) => s.symbol);
      return due.length > 0 ? { run: true, symbols: due } : { run: false, reason: 'every quote is fresh' };
    }
    case 'history': {
      if (all.length === 0) return { run: false, reason: 'no held symbols' };
      const settled = symbolsWithSettledClose(input.symbols, input.now);
      return settled.length > 0 ? { run: true, symbols: settled } : { run: false, reason: 'every market still open' };
    }
    case 'fx': {
      const fx = input.symbols.filter((s) => isFxPair(s.symbol)).map((s) => s.symbol);
      return fx.length > 0 ? { run: true, symbols: fx } : { run: false, reason: 'no foreign currency held' };
    }
    case 'warm':
      return all.length > 0 ? { run: true, symbols: all } : { run: false, reason: 'no held symbols' };
    case 'housekeeping':
      return { run: true, symbols: [] };
  }
}
