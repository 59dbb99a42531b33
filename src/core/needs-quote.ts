/**
 * The one refresh rule, shared by warm, the dashboard refresh and the daemon's quotes tick: does a
 * symbol's quote need asking for now? Pure.
 *  - never fetched: yes, whatever the hour (a closed market still has a last price);
 *  - market open: yes once the cached quote is older than the TTL;
 *  - market closed (nights, weekends, holidays): yes if the quote was taken before the market's
 *    last close; no if it was taken after it (nothing can have changed until the next open).
 * The details (unlisted holidays, FX and crypto hours) live in quoteFreshness.
 */
import { quoteFreshness, type FreshnessInput } from './freshness.js';

export function needsQuote(quote: FreshnessInput | null | undefined, now: Date, ttlSeconds: number): boolean {
  return quoteFreshness(quote, now, ttlSeconds).state !== 'fresh';
}
