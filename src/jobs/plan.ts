/**
 * Which symbols a job tick should touch, and whether it should run at all. Pure: the scheduler's
 * decisions are tested on a fake clock without node-cron timing.
 */
import { isFxPair } from '../core/currency.js';
import { marketFor, sessionAt } from '../core/market-hours.js';

export const JOB_NAMES = ['quotes', 'history', 'fx', 'warm', 'housekeeping'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface SymbolInfo {
  symbol: string;
  exchangeTimezone?: string | null;
  quoteType?: string | null;
}

export type TickPlan = { run: true; symbols: string[] } | { run: false; reason: string };

export interface TickInput {
  job: JobName;
  now: Date;
  /** A run of this job is still going. */
  busy: boolean;
  /** Held symbols (and the FX pairs they need) with what is known of their market. */
  symbols: readonly SymbolInfo[];
}

export function marketOpen(info: SymbolInfo, now: Date): boolean {
  return sessionAt(marketFor(info), now).open;
}

/** How long after a close a quotes tick still takes that market's closing quote (two default ticks). */
export const CLOSING_QUOTE_MS = 10 * 60_000;

function justClosed(info: SymbolInfo, now: Date): boolean {
  const last = sessionAt(marketFor(info), now).lastClose;
  return last !== null && now.getTime() - last.getTime() < CLOSING_QUOTE_MS;
}

/** Symbols whose market is open now (crypto and unknown markets count as always open). */
export function symbolsWithOpenMarket(symbols: readonly SymbolInfo[], now: Date): string[] {
  return symbols.filter((s) => marketOpen(s, now)).map((s) => s.symbol);
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
      // Markets that closed in the last few minutes too: the closing quote keeps the cache fresh
      // until the next open (a quote taken before the close is stale after it).
      const open = input.symbols.filter((s) => marketOpen(s, input.now) || justClosed(s, input.now)).map((s) => s.symbol);
      return open.length > 0 ? { run: true, symbols: open } : { run: false, reason: 'no market open' };
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
