/**
 * Whether a cached quote is still good enough to show without asking the provider again. Pure.
 *  - missing: never fetched;
 *  - fresh: younger than the TTL, unless its market has closed since it was taken;
 *  - fresh: taken after the market's last close and the market is still closed (nights, weekends,
 *    holidays need no request), reason 'market closed';
 *  - fresh: taken during today's session hours while the exchange itself said CLOSED (a holiday
 *    our calendar does not know), until the next session;
 *  - otherwise stale, with its age.
 */
import type { Freshness } from './types.js';
import { marketFor, sessionAt } from './market-hours.js';

export interface FreshnessInput {
  fetchedAt: string;
  marketTime: string | null;
  marketState: string | null;
  exchangeTimezone: string | null;
  symbol?: string;
  quoteType?: string | null;
}

export function quoteFreshness(quote: FreshnessInput | null | undefined, now: Date, ttlSeconds: number): Freshness {
  if (!quote) return { state: 'missing', ageSeconds: null, reason: 'never fetched' };
  const fetched = Date.parse(quote.fetchedAt);
  if (Number.isNaN(fetched)) return { state: 'missing', ageSeconds: null, reason: 'no fetch time' };
  const ageSeconds = Math.max(0, (now.getTime() - fetched) / 1000);
  const market = marketFor({ symbol: quote.symbol ?? null, exchangeTimezone: quote.exchangeTimezone, quoteType: quote.quoteType ?? null });
  const session = sessionAt(market, now);
  if (!session.open) {
    if (session.lastClose && fetched >= session.lastClose.getTime()) {
      return { state: 'fresh', ageSeconds, reason: ageSeconds < ttlSeconds ? null : 'market closed' };
    }
    // Even a young quote is stale once its market has closed after it: the closing price is due.
    if (session.lastClose || ageSeconds >= ttlSeconds) return { state: 'stale', ageSeconds, reason: 'taken before the last close' };
  }
  if (ageSeconds < ttlSeconds) return { state: 'fresh', ageSeconds, reason: null };
  // Open by our calendar, but the exchange said CLOSED after today's open: an unlisted holiday.
  if (session.sessionStart && fetched >= session.sessionStart.getTime() && (quote.marketState ?? '').toUpperCase() === 'CLOSED') {
    return { state: 'fresh', ageSeconds, reason: 'market closed' };
  }
  return { state: 'stale', ageSeconds, reason: `older than ${formatTtl(ttlSeconds)}` };
}

function formatTtl(s: number): string {
  return s % 60 === 0 ? `${s / 60} min` : `${s} s`;
}
