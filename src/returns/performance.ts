/**
 * The `performance` report: every requested period for the whole portfolio, optionally broken
 * down by account or symbol. One load of the database serves all periods and all breakdowns.
 */
import { dayToIso, isoToDay } from '../core/dates.js';
import { PERIODS, resolvePeriod, type Period, type PeriodName } from '../core/periods.js';
import type { Db } from '../store/db.js';
import { compareBenchmark, type BenchmarkComparison } from './benchmark.js';
import { portfolioDaily } from './cache.js';
import { accountScopes, loadPerfData, symbolScopes } from './engine.js';
import { periodResult, type PerformanceResult } from './report.js';
import { lotSales, realizedBetween } from './gains-report.js';
import type { CostMethod } from '../core/holdings.js';

export type Breakdown = 'account' | 'symbol';

export interface PerformanceRequest {
  /** Today (YYYY-MM-DD): the default end of every period. */
  today: string;
  baseCurrency: string;
  /** One named period; omitted with no from/to means every named period. */
  period?: PeriodName;
  from?: string;
  to?: string;
  by?: Breakdown;
  /** For realizedGain (default avg, 12 months). */
  costMethod?: CostMethod;
  longTermMonths?: number;
  /** Symbols to compare against (their closes must be cached). */
  benchmarks?: readonly string[];
}

/** A period's numbers plus its realized gain: the sum of `gains` rows dated in it (one lot engine). */
export type PeriodNumbers = PerformanceResult & { realizedGain: number };

export interface PerformanceReport {
  baseCurrency: string;
  asOf: string;
  periods: PeriodNumbers[];
  breakdown: { by: Breakdown; rows: ({ name: string } & PeriodNumbers)[] } | null;
  /** Day of the first transaction (YYYY-MM-DD), null for an empty ledger. */
  inception: string | null;
  /** Whether the daily series came from the cache ('hit'), was extended, or was computed in full. */
  cache: 'hit' | 'extended' | 'full';
  benchmarks: BenchmarkComparison[];
}

export function resolvePeriods(req: PerformanceRequest, inception: number | null): Period[] {
  const to = isoToDay(req.to ?? req.today);
  if (req.from) return [{ name: 'custom', from: isoToDay(req.from), to }];
  const names: readonly PeriodName[] = req.period ? [req.period] : PERIODS;
  return names.map((n) => resolvePeriod(n, to, inception));
}

export function performanceReport(db: Db, req: PerformanceRequest): PerformanceReport {
  const end = req.to ?? req.today;
  const daily = portfolioDaily(db, { to: end, baseCurrency: req.baseCurrency });
  const periods = resolvePeriods(req, daily.inception);
  const earliest = periods.reduce((a, p) => Math.min(a, p.from), Infinity);
  const { sales } = lotSales(db, {
    baseCurrency: req.baseCurrency,
    costMethod: req.costMethod ?? 'avg',
    longTermMonths: req.longTermMonths ?? 12,
    to: end,
    from: req.by || !Number.isFinite(earliest) ? undefined : dayToIso(earliest),
  });
  let breakdown: PerformanceReport['breakdown'] = null;
  if (req.by) {
    const data = loadPerfData(db, { to: end, baseCurrency: req.baseCurrency });
    // A breakdown reports one period: the one asked for, else MAX.
    const p = periods.length === 1 ? (periods[0] as Period) : resolvePeriod('MAX', isoToDay(end), data.inception);
    const scopes = req.by === 'account' ? accountScopes(data) : symbolScopes(data);
    const rows: ({ name: string } & PeriodNumbers)[] = [];
    for (const s of scopes) {
      const r = periodResult(data, s.series, p);
      const mine = (x: { symbol: string; account: string }) => (req.by === 'account' ? x.account : x.symbol) === s.name;
      rows.push({ name: s.name, ...r, realizedGain: realizedBetween(sales, r.from, r.to, mine) });
    }
    breakdown = { by: req.by, rows };
  }
  const results = periods.map((p) => {
    const r = periodResult(daily, daily.series, p);
    return { ...r, realizedGain: realizedBetween(sales, r.from, r.to) };
  });
  const twrs = results.map((r) => r.twr);
  const benchmarks = (req.benchmarks ?? []).map((b) => compareBenchmark(db, b, daily, periods, twrs, req.baseCurrency, end));
  return {
    baseCurrency: req.baseCurrency,
    asOf: end,
    periods: results,
    benchmarks,
    inception: daily.inception === null ? null : dayToIso(daily.inception),
    cache: daily.cache,
    breakdown,
  };
}
