/**
 * `performance --benchmark SYMBOL`: the benchmark's own return over each period (its closes,
 * split-adjusted, with dividends reinvested where the provider reported them, in the base
 * currency) and "same money": what the portfolio would be worth had every external flow bought or
 * sold the benchmark instead. Cache only: a benchmark with no closes says so.
 */
import { indexReturn, sameMoney, sameMoneySeries, totalReturnIndex } from '../core/benchmark.js';
import { dayToIso, isoToDay } from '../core/dates.js';
import type { Period } from '../core/periods.js';
import type { Db } from '../store/db.js';
import { storedDividends, symbolCurrency } from '../store/quote-cache.js';
import { portfolioDaily, type PortfolioDaily } from './cache.js';
import { fxCandidates } from '../core/currency.js';
import { loadTracks } from './load.js';
import { PriceBook } from './price-book.js';
import { symbolSeries } from './series.js';

export interface BenchmarkPeriod {
  period: string;
  from: string;
  to: string;
  /** The benchmark's return over the period, in the base currency (null without closes). */
  twr: number | null;
  /** The portfolio's TWR less the benchmark's: positive when the portfolio beat it. */
  excess: number | null;
  sameMoney: { endValue: number | null; irr: number | null; reason: string | null };
}

export interface BenchmarkComparison {
  symbol: string;
  currency: string;
  /** True when dividends the provider reported were reinvested. */
  dividendsReinvested: boolean;
  periods: BenchmarkPeriod[];
  warnings: string[];
}

/** The benchmark's price per day of the portfolio's window, as a total-return index in the base currency. */
function benchmarkPrices(db: Db, symbol: string, daily: PortfolioDaily, base: string, to: string) {
  const currency = symbolCurrency(db, symbol) ?? base;
  const s = symbolSeries(db, symbol, dayToIso(daily.start), to);
  const divs = new Map<number, number>();
  for (const d of storedDividends(db, symbol, to)) {
    const i = isoToDay(d.date) - daily.start;
    if (i > 0 && i < daily.length) divs.set(i, (divs.get(i) ?? 0) + d.amount);
  }
  const tr = totalReturnIndex(s.close, divs);
  const book = new PriceBook(daily.start, daily.length, base, loadTracks(db, fxCandidates(currency, base), to), () => currency);
  const price = new Float64Array(daily.length);
  for (let i = 0; i < daily.length; i++) price[i] = (tr[i] as number) * book.rate(currency, i);
  const warnings = [...s.warnings];
  const fx = book.fx(currency);
  if (fx?.missing) warnings.push(`${symbol}: no ${currency}->${base} rate cached, so it cannot be compared; run "portfolio warm"`);
  return { currency, price, dividendsReinvested: divs.size > 0, warnings };
}

export function compareBenchmark(
  db: Db,
  symbol: string,
  daily: PortfolioDaily,
  periods: readonly Period[],
  portfolioTwr: readonly number[],
  base: string,
  to: string,
): BenchmarkComparison {
  const b = benchmarkPrices(db, symbol, daily, base, to);
  const out: BenchmarkPeriod[] = periods.map((p, k) => {
    const first = p.from - daily.start;
    const last = p.to - daily.start;
    const twr = indexReturn(b.price, first - 1, last);
    const startValue = first >= 1 ? (daily.series.value[first - 1] as number) : 0;
    const sm = sameMoney({ start: daily.start, startValue, inflow: daily.series.inflow, outflow: daily.series.outflow, price: b.price, first, last });
    const own = portfolioTwr[k];
    return {
      period: p.name,
      from: dayToIso(p.from),
      to: dayToIso(p.to),
      twr,
      excess: twr === null || own === undefined ? null : own - twr,
      sameMoney: sm,
    };
  });
  return { symbol, currency: b.currency, dividendsReinvested: b.dividendsReinvested, periods: out, warnings: b.warnings };
}

/**
 * For `chart --benchmark`: the value the portfolio would have had each day of [from, to] had the
 * value at the close of `from` and every later external flow gone into the benchmark instead.
 * Aligned with portfolioSeries(db, { from, to }) day for day; NaN where it cannot be known.
 */
export function sameMoneyChart(db: Db, symbol: string, base: string, from: string | undefined, to: string): { values: Float64Array; warnings: string[] } {
  const daily = portfolioDaily(db, { to, baseCurrency: base });
  const b = benchmarkPrices(db, symbol, daily, base, to);
  const fromDay = from ? isoToDay(from) : daily.start;
  const end = daily.start + daily.length - 1;
  const n = Math.max(0, end - fromDay + 1);
  const values = new Float64Array(n).fill(NaN);
  // Index of the chart's first day in the window; before the window nothing was held.
  const anchor = Math.max(0, fromDay - daily.start);
  const r = sameMoneySeries({
    start: daily.start,
    startValue: daily.series.value[anchor] as number,
    inflow: daily.series.inflow,
    outflow: daily.series.outflow,
    price: b.price,
    first: anchor + 1,
    last: daily.length - 1,
  });
  const offset = daily.start + anchor - fromDay; // chart index of the anchor day
  if (r.values) for (let k = 0; k < r.values.length; k++) if (offset + k < n) values[offset + k] = r.values[k] as number;
  for (let k = 0; k < Math.min(offset, n); k++) values[k] = 0;
  const warnings = [...b.warnings];
  if (r.reason) warnings.push(`${symbol}: ${r.reason}`);
  return { values, warnings };
}
