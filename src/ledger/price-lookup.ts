/**
 * The price of each held symbol from the cache, in one batched query: latest quote, instrument
 * name and the last two effective closes (the small last_closes table, not the history). Rows are
 * read raw and only the columns used: this runs for every holding on the dashboard's first frame.
 */
import { quoteFreshness, type FreshnessInput } from '../core/freshness.js';
import type { FreshnessState } from '../core/types.js';
import type { Db } from '../store/db.js';
import { priceRows } from '../store/prices.js';

export interface PricePoint {
  price: number | null;
  previous: number | null;
  currency: string | null;
  priceTime: string | null;
  /** The provider that gave the price (yahoo, tiingo, ...), or 'manual'. */
  source: string | null;
  name: string | null;
  freshness: FreshnessState;
  freshnessReason: string | null;
  ageSeconds: number | null;
}

interface QuoteLike extends FreshnessInput {
  source: string | null;
  price: number;
  previousClose: number | null;
  currency: string;
  name: string | null;
}

interface CloseRow {
  date: string;
  close: number;
  manual: number;
  currency: string | null;
  source: string | null;
}

export function lookupPrices(db: Db, symbols: readonly string[], now: Date, ttlSeconds: number): Map<string, PricePoint> {
  const out = new Map<string, PricePoint>();
  if (symbols.length === 0) return out;
  for (const r of priceRows(db, symbols)) {
    const symbol = r[0];
    const quote: QuoteLike | undefined =
      r[1] === null || r[8] === null
        ? undefined
        : { symbol, price: r[1], previousClose: r[2], currency: r[3] as string, name: r[4], marketTime: r[5], marketState: r[6], exchangeTimezone: r[7], fetchedAt: r[8], source: r[15] };
    const last: CloseRow | undefined = r[10] !== null && r[11] !== null ? { date: r[10], close: r[11], manual: r[12] ?? 0, currency: r[13], source: r[16] } : undefined;
    out.set(symbol, pricePoint(quote, last, r[14], r[9], now, ttlSeconds));
  }
  return out;
}

function pricePoint(
  quote: QuoteLike | undefined,
  last: CloseRow | undefined,
  previousClose: number | null,
  name: string | null,
  now: Date,
  ttlSeconds: number,
): PricePoint {
  const quoteDay = quote ? (quote.marketTime ?? quote.fetchedAt).slice(0, 10) : null;
  // The newest price wins: a close dated after the quote's day (the quote is days old, history is
  // newer), and a manual close for the quote's day or later (a manual close wins, contract).
  const closeWins =
    last !== undefined && (quoteDay === null || last.date > quoteDay || (last.manual === 1 && last.date === quoteDay));
  if (quote && !closeWins) {
    const f = quoteFreshness(quote, now, ttlSeconds);
    return {
      price: quote.price,
      previous: quote.previousClose ?? null,
      currency: quote.currency,
      priceTime: quote.marketTime ?? quote.fetchedAt,
      source: quote.source,
      name: quote.name ?? name,
      freshness: f.state,
      freshnessReason: f.reason,
      ageSeconds: f.ageSeconds,
    };
  }
  if (last) {
    const time = `${last.date}T00:00:00.000Z`;
    return {
      price: last.close,
      previous: previousClose,
      currency: last.currency,
      priceTime: time,
      source: last.manual === 1 ? 'manual' : last.source,
      name,
      freshness: 'stale',
      freshnessReason: last.manual === 1 ? `manual close of ${last.date}` : `no quote cached; close of ${last.date}`,
      ageSeconds: Math.max(0, (now.getTime() - Date.parse(time)) / 1000),
    };
  }
  return {
    price: null,
    previous: null,
    currency: null,
    priceTime: null,
    source: null,
    name,
    freshness: 'missing',
    freshnessReason: 'never fetched',
    ageSeconds: null,
  };
}
