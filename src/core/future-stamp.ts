/**
 * Data stamped in the future is refused: a quote "from" next month would be stored as fresh and
 * later runs would skip it, freezing the price. A small allowance covers clocks that disagree.
 */

/** Clocks of the provider and this machine may disagree by this much. */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** True when an ISO time lies beyond now plus the clock-skew allowance (unparseable counts as future). */
export function isFutureStamp(iso: string | null, now: Date, skewMs = CLOCK_SKEW_MS): boolean {
  if (iso === null) return false;
  const t = Date.parse(iso);
  return !Number.isFinite(t) || t > now.getTime() + skewMs;
}

/** True when a daily close's date (YYYY-MM-DD) is after the day it is anywhere on Earth now. */
export function isFutureDay(date: string, now: Date): boolean {
  // UTC+14 is the earliest time zone: no exchange has closed a day later than that.
  const latest = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  return date > latest;
}

export interface Stamped {
  symbol: string;
  marketTime: string | null;
}

/** Splits quotes into those to keep and the refused ones, with the reason. */
export function dropFutureQuotes<T extends Stamped>(quotes: readonly T[], now: Date): { kept: T[]; refused: { symbol: string; message: string }[] } {
  const kept: T[] = [];
  const refused: { symbol: string; message: string }[] = [];
  for (const q of quotes) {
    if (isFutureStamp(q.marketTime, now)) refused.push({ symbol: q.symbol, message: `quote stamped ${q.marketTime} is in the future (now ${now.toISOString()}); not stored` });
    else kept.push(q);
  }
  return { kept, refused };
}
