/**
 * The next twelve months' dividends from each holding's own history: its payment frequency (the
 * median gap between its last payments, snapped to monthly, quarterly, half-yearly or yearly), its
 * last amount per share, and the shares held today. Payments are projected from the last one at
 * that frequency; a holding that has already missed a projected payment is treated as suspended.
 */
import { addMonths } from './holding-period.js';
import { isoToDay } from './dates.js';

export interface Payment {
  date: string;
  /** Per share, in the payment's currency; NaN when no shares were held on the day. */
  perShare: number;
  currency: string;
}

export interface ProjectedPayment {
  date: string;
  symbol: string;
  shares: number;
  perShare: number;
  currency: string;
  /** In the base currency at the latest rate. */
  amount: number;
}

export type Frequency = 'monthly' | 'quarterly' | 'semiannual' | 'annual';

const MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };

export function frequencyOf(payments: readonly Payment[]): Frequency | null {
  if (payments.length === 0) return null;
  const recent = payments.slice(-5);
  const gaps: number[] = [];
  for (let i = 1; i < recent.length; i++) gaps.push(isoToDay((recent[i] as Payment).date) - isoToDay((recent[i - 1] as Payment).date));
  if (gaps.length === 0) return 'annual';
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] as number;
  if (median <= 45) return 'monthly';
  if (median <= 135) return 'quarterly';
  if (median <= 270) return 'semiannual';
  return 'annual';
}

/** The last payment with a known per-share amount. */
export function lastPerShare(payments: readonly Payment[]): Payment | null {
  for (let i = payments.length - 1; i >= 0; i--) if (Number.isFinite((payments[i] as Payment).perShare)) return payments[i] as Payment;
  return null;
}

/**
 * Projected payments dated after `today` and on or before `horizonEnd`.
 * @param latestRate converts one unit of a currency to the base at the latest rate (NaN unknown)
 */
export function projectPayments(
  symbol: string,
  payments: readonly Payment[],
  sharesToday: number,
  today: string,
  horizonEnd: string,
  latestRate: (currency: string) => number,
): ProjectedPayment[] {
  const freq = frequencyOf(payments);
  const last = lastPerShare(payments);
  const newest = payments[payments.length - 1];
  if (!freq || !last || !newest || !(sharesToday > 0)) return [];
  const step = MONTHS[freq];
  const out: ProjectedPayment[] = [];
  // Missed a payment (one step plus a month's grace): suspended, nothing expected.
  if (addMonths(newest.date, step + 1) <= today) return out;
  const rate = latestRate(last.currency);
  if (!Number.isFinite(rate)) return out;
  for (let k = 1; k <= 12 / step + 1; k++) {
    const date = addMonths(newest.date, step * k);
    if (date > horizonEnd) break;
    if (date <= today) continue;
    out.push({ date, symbol, shares: sharesToday, perShare: last.perShare, currency: last.currency, amount: last.perShare * sharesToday * rate });
  }
  return out;
}

/** The current month and the eleven after it (`YYYY-MM`), and the last day they cover. */
export function forwardMonths(today: string): { months: string[]; horizonEnd: string } {
  const first = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(first, i).slice(0, 7));
  const horizonEnd = addMonths(addMonths(first, 12), 0);
  // The day before the first of the 13th month.
  const end = new Date(Date.UTC(Number(horizonEnd.slice(0, 4)), Number(horizonEnd.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
  return { months, horizonEnd: end };
}
