/**
 * A quote taken after its market's close is that day's close: stored as the day's close (a manual
 * close still wins) and, when the symbol's history is covered up to the trading day before, the
 * coverage moves to that day, so the next history run needs no request for it.
 */
import { addDays, isoToDay } from '../core/dates.js';
import { isTradingDayFor, marketFor, sessionBounds, zonedParts } from '../core/market-hours.js';
import type { Quote } from '../core/types.js';
import type { Db } from '../store/db.js';
import { getCoverage, storeHistory } from '../store/quote-cache.js';

const iso = (p: { y: number; m: number; d: number }) => `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;

/** The trading day whose close the quote is, or null. Equities only (their sessions end). */
export function closeDayOf(q: Quote, quoteType: string | null): string | null {
  if (!q.marketTime || !q.exchangeTimezone) return null;
  const market = marketFor({ symbol: q.symbol, exchangeTimezone: q.exchangeTimezone, quoteType });
  if (market.kind !== 'equity') return null;
  const traded = new Date(q.marketTime);
  const day = iso(zonedParts(traded, market.timezone));
  const d = isoToDay(day);
  if (!isTradingDayFor(market, d)) return null;
  const { close } = sessionBounds(market, d);
  // The last trade within a minute of the close (or after it), fetched after the close.
  if (traded.getTime() < close.getTime() - 60_000 || Date.parse(q.fetchedAt) < close.getTime()) return null;
  return day;
}

export function storeClosesFromQuotes(db: Db, quotes: readonly Quote[], types: ReadonlyMap<string, { quoteType: string | null }>, now: Date): number {
  let n = 0;
  for (const q of quotes) {
    const day = closeDayOf(q, types.get(q.symbol)?.quoteType ?? null);
    if (!day) continue;
    const cov = getCoverage(db, q.symbol);
    if (!cov || cov.to >= day) continue;
    const market = marketFor({ symbol: q.symbol, exchangeTimezone: q.exchangeTimezone, quoteType: types.get(q.symbol)?.quoteType ?? null });
    let gap = false;
    for (let d = addDays(cov.to, 1); d < day; d = addDays(d, 1)) if (isTradingDayFor(market, isoToDay(d))) gap = true;
    if (gap) continue; // a missing trading day: the per-symbol history fills it
    storeHistory(db, { symbol: q.symbol, currency: q.currency, bars: [{ date: day, close: q.price }], dividends: [], splits: [] }, { from: addDays(cov.to, 1), to: day }, q.source, now);
    n++;
  }
  return n;
}
