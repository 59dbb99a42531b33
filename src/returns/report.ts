/** A period's performance numbers from a scope's daily series (contract keys plus a few more). */
import { dayToIso } from '../core/dates.js';
import { periodDays, type Period } from '../core/periods.js';
import { annualize, chainTwr, xirr } from '../core/returns.js';
import { rangeSum } from '../core/value-series.js';
import type { ScopeSeries } from './scope.js';
import type { WarningLog } from './warnings.js';

export interface PerformanceResult {
  period: string;
  from: string;
  to: string;
  days: number;
  startValue: number;
  endValue: number;
  inflows: number;
  outflows: number;
  netFlows: number;
  gain: number;
  twr: number;
  twrAnnualized: number | null;
  irr: number | null;
  irrNote: string | null;
  dividends: number;
  interest: number;
  fees: number;
  /** Tax paid less tax refunded (withholding on dividends included). */
  taxes: number;
  warnings: string[];
}

/** Where a series sits (index 0 is day `start`) and the missing-data log it was computed with. */
export interface SeriesContext {
  start: number;
  warnings: WarningLog;
}

export function periodResult(ctx: SeriesContext, s: ScopeSeries, period: Period): PerformanceResult {
  const data = ctx;
  const first = period.from - data.start; // index of F
  const last = period.to - data.start; // index of T
  const startValue = first >= 1 ? (s.value[first - 1] as number) : 0;
  const endValue = last >= 0 ? (s.value[last] as number) : 0;
  const lo = Math.max(0, first);
  const inflows = rangeSum(s.inflow, lo, last);
  const outflows = rangeSum(s.outflow, lo, last);
  const netFlows = inflows - outflows;
  const days = periodDays(period);
  const twr = last >= lo ? chainTwr(s.value, s.inflow, s.outflow, lo, last) : 0;

  // XIRR from the investor's side: money put in is negative, money taken out positive;
  // the start value is put in at F-1 and the end value taken out at T.
  const fd: number[] = [period.from - 1];
  const fa: number[] = [-startValue];
  for (let i = lo; i <= last; i++) {
    const net = (s.outflow[i] as number) - (s.inflow[i] as number);
    if (net !== 0) {
      fd.push(data.start + i);
      fa.push(net);
    }
  }
  fd.push(period.to);
  fa.push(endValue);
  const irr = xirr(fd, fa);

  return {
    period: period.name,
    from: dayToIso(period.from),
    to: dayToIso(period.to),
    days,
    startValue,
    endValue,
    inflows,
    outflows,
    netFlows,
    gain: endValue - startValue - netFlows,
    twr,
    twrAnnualized: annualize(twr, days),
    irr: irr.rate,
    irrNote: irr.reason,
    dividends: rangeSum(s.dividends, lo, last),
    interest: rangeSum(s.interest, lo, last),
    fees: rangeSum(s.fees, lo, last),
    taxes: rangeSum(s.taxes, lo, last),
    warnings: data.warnings.messages(data.start, Math.max(0, first - 1), last),
  };
}
