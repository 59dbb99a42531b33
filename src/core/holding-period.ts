/**
 * Holding periods for realized gains. A lot is long-term when it is sold AFTER the date that lies
 * `longTermMonths` calendar months after its acquisition (default 12: "held more than one year",
 * as the IRS counts it: bought 2023-03-15, sold 2024-03-15 is short, sold 2024-03-16 is long).
 * A month end that does not exist is clamped (bought 2024-02-29 + 12 months = 2025-02-28).
 */
import { isoToDay } from './dates.js';

export type Term = 'short' | 'long';

export const DEFAULT_LONG_TERM_MONTHS = 12;

/** `YYYY-MM-DD` plus n calendar months, the day clamped to the month's last day. */
export function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Ledgers repeat the same dates thousands of times: parse each once.
const dayOf = new Map<string, number>();
/** longTermMonths -> acquisition date -> the date the lot turns long-term. */
const anniversaryOf = new Map<number, Map<string, string>>();

function day(iso: string): number {
  let d = dayOf.get(iso);
  if (d === undefined) dayOf.set(iso, (d = isoToDay(iso)));
  return d;
}

export function holdingDays(acquired: string, sold: string): number {
  return day(sold) - day(acquired);
}

export function termOf(acquired: string, sold: string, longTermMonths = DEFAULT_LONG_TERM_MONTHS): Term {
  let byDate = anniversaryOf.get(longTermMonths);
  if (byDate === undefined) anniversaryOf.set(longTermMonths, (byDate = new Map()));
  let end = byDate.get(acquired);
  if (end === undefined) byDate.set(acquired, (end = addMonths(acquired, longTermMonths)));
  return sold > end ? 'long' : 'short';
}
