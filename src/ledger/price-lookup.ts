/**
 * The price of each held symbol from the cache, in three batched queries: latest quotes, the last
 * two effective closes per symbol (index seeks, not a scan of the history) and instrument names.
 */
import { quoteFreshness } from '../core/freshness.js';
import type { FreshnessState, Quote } from '../core/types.js';
import type { Db } from '../store/db.js';
import { getQuotes } from '../store/prices.js';

export interface PricePoint {
  price: number | null;
  previous: number | null;
  currency: string | null;
  priceTime: string | null;
  source: 'quote' | 'close' | 'manual' | null;
  name: string | null;
  freshness: FreshnessState;
  freshnessReason: string | null;
  ageSeconds: number | null;
}

interface CloseRow {
  symbol: string;
  date: string;
  close: number;
  manual: number;
  currency: string | null;
}

export function lookupPrices(db: Db, symbols: readonly string[], now: Date, ttlSeconds: number): Map<string, PricePoint> {
  const out = new Map<string, PricePoint>();
  if (symbols.length === 0) return out;
  const json = JSON.stringify(symbols);
  const quotes = getQuotes(db, symbols);
  const closeRows = db
    .prepare(
      `SELECT d.symbol, d.date, COALESCE(d.manual_close, d.close) AS close, d.manual_close IS NOT NULL AS manual, d.currency
       FROM json_each(?) j JOIN daily_closes d ON d.symbol = j.value
       WHERE COALESCE(d.manual_close, d.close) IS NOT NULL
         AND d.date >= COALESCE((SELECT x.date FROM daily_closes x WHERE x.symbol = j.value
              AND COALESCE(x.manual_close, x.close) IS NOT NULL ORDER BY x.date DESC LIMIT 1 OFFSET 1), '')
       ORDER BY d.symbol, d.date DESC`,
    )
    .all(json) as CloseRow[];
  const closes = new Map<string, CloseRow[]>();
  for (const r of closeRows) {
    const list = closes.get(r.symbol);
    if (list) list.push(r);
    else closes.set(r.symbol, [r]);
  }
  const names = new Map(
    (db.prepare('SELECT i.symbol, i.name FROM json_each(?) j JOIN instruments i ON i.symbol = j.value').all(json) as { symbol: string; name: string | null }[]).map(
      (r) => [r.symbol, r.name],
    ),
  );
  for (const symbol of symbols) {
    out.set(symbol, pricePoint(quotes.get(symbol), closes.get(symbol) ?? [], names.get(symbol) ?? null, now, ttlSeconds));
  }
  return out;
}

function pricePoint(quote: Quote | undefined, closes: CloseRow[], name: string | null, now: Date, ttlSeconds: number): PricePoint {
  const [last, prev] = closes;
  const quoteDay = quote ? (quote.marketTime ?? quote.fetchedAt).slice(0, 10) : null;
  // A manual close wins over what was fetched for the same day or earlier (contract).
  const manualWins = last !== undefined && last.manual === 1 && (quoteDay === null || last.date >= quoteDay);
  if (quote && !manualWins) {
    const f = quoteFreshness(quote, now, ttlSeconds);
    return {
      price: quote.price,
      previous: quote.previousClose ?? null,
      currency: quote.currency,
      priceTime: quote.marketTime ?? quote.fetchedAt,
      source: 'quote',
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
      previous: prev?.close ?? null,
      currency: last.currency,
      priceTime: time,
      source: last.manual === 1 ? 'manual' : 'close',
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
