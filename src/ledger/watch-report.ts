/**
 * One watchlist priced from the cache (no network): each row's price, day change and freshness
 * come from the same lookup the holdings use, so a watched row ages exactly like a held one.
 */
import type { FreshnessState } from '../core/types.js';
import type { Db } from '../store/db.js';
import { getQuotes } from '../store/prices.js';
import { watchedSymbols, week52Ranges } from '../store/watchlists.js';
import { lookupPrices } from './price-lookup.js';

export interface WatchRow {
  symbol: string;
  name: string | null;
  price: number | null;
  currency: string | null;
  priceTime: string | null;
  ageSeconds: number | null;
  stale: boolean;
  freshness: FreshnessState;
  freshnessReason: string | null;
  /** Per share, in the symbol's currency: price less the previous close. */
  dayChange: number | null;
  /** In percent, as the key says (1.23 = 1.23 %). */
  dayChangePercent: number | null;
  week52Low: number | null;
  week52High: number | null;
  /** The provider that gave the quote, `manual` for a manual close, `close` for a fetched daily close. */
  priceSource: string | null;
  addedAt: string;
}

export interface WatchReport {
  list: string;
  asOf: string;
  symbols: WatchRow[];
}

export function buildWatchReport(db: Db, list: string, options: { now: Date; ttlSeconds: number }): WatchReport {
  const watched = watchedSymbols(db, list);
  const symbols = watched.map((w) => w.symbol);
  const prices = lookupPrices(db, symbols, options.now, options.ttlSeconds);
  const ranges = week52Ranges(db, symbols);
  const quotes = getQuotes(db, symbols);
  const rows = watched.map((w): WatchRow => {
    const p = prices.get(w.symbol);
    const change = p?.price != null && p.previous != null ? p.price - p.previous : null;
    const r = ranges.get(w.symbol);
    return {
      symbol: w.symbol,
      name: p?.name ?? null,
      price: p?.price ?? null,
      currency: p?.currency ?? null,
      priceTime: p?.priceTime ?? null,
      ageSeconds: p?.ageSeconds ?? null,
      stale: (p?.freshness ?? 'missing') !== 'fresh',
      freshness: p?.freshness ?? 'missing',
      freshnessReason: p ? p.freshnessReason : 'never fetched',
      dayChange: change,
      dayChangePercent: change !== null && p?.previous ? (change / p.previous) * 100 : null,
      week52Low: r?.low ?? null,
      week52High: r?.high ?? null,
      priceSource: p?.source === 'quote' ? (quotes.get(w.symbol)?.source ?? 'quote') : (p?.source ?? null),
      addedAt: w.addedAt,
    };
  });
  return { list, asOf: options.now.toISOString(), symbols: rows };
}
