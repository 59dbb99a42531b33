/**
 * Periods and chart ranges, one definition for `performance`, `chart` and the dashboard (contract):
 * a period F..T (inclusive) starts from the value at the close of F-1 and ends with the close of T;
 * its length is T-(F-1) days. YTD starts from the close of Dec 31; 1Y ending T from the close of the
 * same date a year earlier; 1M from the same date a month earlier, clamped to that month's last day
 * (Mar 31 -> Feb 28, or Feb 29 in a leap year). A chart's first point is that start value's day.
 * Day numbers as in src/core/dates.ts.
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

/** The same calendar date `months` earlier, clamped to that month's last day. */
export function monthsBefore(day: number, months: number): number {
  const iso = dayToIso(day);
  const index = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 - months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), last);
  return parseIsoDate(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) as number;
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

/** Chart ranges (`chart --range`, the dashboard's keys 1-7). */
export const CHART_RANGES = ['1M', '3M', '6M', 'YTD', '1Y', '5Y', 'MAX'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

export function isChartRange(text: string): text is ChartRange {
  return (CHART_RANGES as readonly string[]).includes(text);
}

/** The period a chart range ending on `to` covers. */
export function resolveRange(range: ChartRange, to: number, inception: number | null): Period {
  switch (range) {
    case '1M':
    case '3M':
    case '6M':
      return { name: 'custom', from: monthsBefore(to, Number(range[0])) + 1, to };
    default:
      return resolvePeriod(range, to, inception);
  }
}

/** The first day a chart of `range` ending on `to` shows: its start value's day (F-1); undefined for MAX. */
export function chartStart(range: ChartRange, to: number): number | undefined {
  return range === 'MAX' ? undefined : resolveRange(range, to, null).from - 1;
}
