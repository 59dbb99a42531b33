/**
 * Period resolution (contract): a period F..T (inclusive) starts from the value at the close of F-1
 * and ends with the close of T; its length is T-(F-1) days. Day numbers as in src/core/dates.ts.
 */
import { dayToIso, parseIsoDate, weekday } from './dates.js';

export const PERIODS = ['1D', 'WTD', 'MTD', 'YTD', '1Y', '3Y', '5Y', 'MAX'] as const;
export type PeriodName = (typeof PERIODS)[number];

export interface Period {
  /** Name (`1Y`) or `custom`. */
  name: PeriodName | 'custom';
  /** First day F (inclusive); the start value is the close of F-1. */
  from: number;
  /** Last day T (inclusive). */
  to: number;
}

export function isPeriodName(text: string): text is PeriodName {
  return (PERIODS as readonly string[]).includes(text.toUpperCase());
}

/** The same calendar date `years` earlier; Feb 29 falls back to Feb 28. */
export function yearsBefore(day: number, years: number): number {
  const iso = dayToIso(day);
  const y = Number(iso.slice(0, 4)) - years;
  const md = iso.slice(5);
  const exact = parseIsoDate(`${y}-${md}`);
  if (exact !== null) return exact;
  return parseIsoDate(`${y}-02-28`) as number;
}

function firstOfMonth(day: number): number {
  return parseIsoDate(`${dayToIso(day).slice(0, 7)}-01`) as number;
}

function firstOfYear(day: number): number {
  return parseIsoDate(`${dayToIso(day).slice(0, 4)}-01-01`) as number;
}

/**
 * Resolves a named period ending on `to`. `inception` (the first transaction's day) anchors MAX;
 * without a ledger MAX is the single day `to`.
 */
export function resolvePeriod(name: PeriodName, to: number, inception: number | null): Period {
  let from: number;
  switch (name) {
    case '1D':
      from = to;
      break;
    case 'WTD':
      // Weeks start on Monday: the start value is the close of the Sunday before (= Friday's close).
      from = to - ((weekday(to) + 6) % 7);
      break;
    case 'MTD':
      from = firstOfMonth(to);
      break;
    case 'YTD':
      from = firstOfYear(to); // starts from Dec 31's close
      break;
    case '1Y':
    case '3Y':
    case '5Y':
      // Starts from the close of the same date N years earlier.
      from = yearsBefore(to, Number(name[0])) + 1;
      break;
    case 'MAX':
      from = inception !== null && inception <= to ? inception : to;
      break;
  }
  return { name, from, to };
}

/** Length in days: T-(F-1). */
export function periodDays(p: Period): number {
  return p.to - (p.from - 1);
}
