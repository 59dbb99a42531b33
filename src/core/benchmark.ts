/**
 * A benchmark next to the portfolio: its own time-weighted return over a period, and "same money":
 * what the portfolio would be worth, and its IRR, had every external flow bought or sold the
 * benchmark instead. Pure maths over daily arrays aligned with the portfolio's series.
 */
import { xirr } from './returns.js';

/**
 * A total-return index from daily closes (split-adjusted, forward-filled; NaN before the first
 * close) and cash dividends per share by day index: on an ex-day the dividend is reinvested at that
 * day's close, TR[i] = TR[i-1] * (P[i] + D[i]) / P[i-1]. With no dividends it is the close itself.
 */
export function totalReturnIndex(close: ArrayLike<number>, dividends: ReadonlyMap<number, number> = new Map()): Float64Array {
  const n = close.length;
  const tr = new Float64Array(n).fill(NaN);
  let prevClose = NaN;
  for (let i = 0; i < n; i++) {
    const p = close[i] as number;
    if (!(p > 0)) continue;
    if (!(prevClose > 0)) tr[i] = p;
    else tr[i] = (tr[i - 1] as number) * ((p + (dividends.get(i) ?? 0)) / prevClose);
    prevClose = p;
  }
  return tr;
}

/** The index's change from the close of day index `before` (F-1) to the close of `last` (T); null without both. */
export function indexReturn(index: ArrayLike<number>, before: number, last: number): number | null {
  const a = index[Math.max(0, before)] as number;
  const b = index[last] as number;
  if (!(a > 0) || !(b > 0)) return null;
  return b / a - 1;
}

export interface SameMoneyInput {
  /** Day number of index 0 of every array. */
  start: number;
  /** The portfolio's value at the close of F-1 (index `first - 1`), bought into the benchmark then. */
  startValue: number;
  inflow: ArrayLike<number>;
  outflow: ArrayLike<number>;
  /** The benchmark's price (or total-return index) in the base currency per day. */
  price: ArrayLike<number>;
  /** Index of F and of T. */
  first: number;
  last: number;
}

export interface SameMoneyResult {
  endValue: number | null;
  irr: number | null;
  /** Why there is no answer (the benchmark has no price on a day money moved). */
  reason: string | null;
}

/**
 * Every external flow buys (in) or sells (out) the benchmark at that day's close; the start value
 * buys it at the close of F-1. `values[k]` is the holding's value at the close of day index
 * `first - 1 + k` (through T); the IRR uses the same dated flows as the portfolio's own XIRR,
 * with the end value.
 */
export function sameMoneySeries(input: SameMoneyInput): SameMoneyResult & { values: Float64Array | null } {
  const { price, first, last } = input;
  const before = first - 1;
  const values = new Float64Array(Math.max(0, last - before + 1));
  let units = 0;
  const days: number[] = [input.start + before];
  const amounts: number[] = [-input.startValue];
  const fail = (reason: string) => ({ endValue: null, irr: null, reason, values: null });
  if (input.startValue !== 0) {
    const p = price[Math.max(0, before)] as number;
    if (!(p > 0)) return fail('the benchmark has no close at the start of the period');
    units += input.startValue / p;
  }
  values[0] = input.startValue;
  for (let i = Math.max(0, first); i <= last; i++) {
    const net = ((input.inflow[i] as number) ?? 0) - ((input.outflow[i] as number) ?? 0);
    const p = price[i] as number;
    if (net !== 0) {
      if (!(p > 0)) return fail(`the benchmark has no close on a day money moved (day ${i - first + 1} of the period)`);
      units += net / p;
      days.push(input.start + i);
      amounts.push(-net);
    }
    values[i - before] = units === 0 ? 0 : units * p;
  }
  const pEnd = price[last] as number;
  if (!(pEnd > 0)) return fail('the benchmark has no close at the end of the period');
  const endValue = units * pEnd;
  days.push(input.start + last);
  amounts.push(endValue);
  const r = xirr(days, amounts);
  return { endValue, irr: r.rate, reason: null, values };
}

/** sameMoneySeries without the daily values. */
export function sameMoney(input: SameMoneyInput): SameMoneyResult {
  const { endValue, irr, reason } = sameMoneySeries(input);
  return { endValue, irr, reason };
}

/** A series rescaled so its first known value equals `to` (NaN stays NaN): for drawing two prices on one axis. */
export function scaledTo(series: ArrayLike<number>, to: number): Float64Array {
  const out = new Float64Array(series.length).fill(NaN);
  let first = NaN;
  for (let i = 0; i < series.length; i++) {
    const v = series[i] as number;
    if (Number.isNaN(first) && v > 0) first = v;
    if (first > 0 && Number.isFinite(v)) out[i] = (v / first) * to;
  }
  return out;
}
