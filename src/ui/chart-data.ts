/** Chart series for the dashboard: portfolio value and one symbol's closes over a range (SQLite only). */
import { dayOf, dayToIso, isoToDay } from '../core/dates.js';
import { chartStart } from '../core/periods.js';
import { portfolioSeries, symbolSeries } from '../returns/series.js';
import type { Db } from '../store/db.js';
import type { ChartData, RangeKey } from './state.js';

/** First day of a range ending today (core/periods.ts chartStart), or undefined for MAX. */
export function rangeStart(range: RangeKey, now: Date): string | undefined {
  const day = chartStart(range, dayOf(now));
  return day === undefined ? undefined : dayToIso(day);
}

export interface ChartRequest {
  range: RangeKey;
  symbol: string | null;
  now: Date;
  baseCurrency: string;
}

/**
 * Computes chart data; the whole-history portfolio series is computed once per day and sliced for
 * each range, so switching ranges or rows costs a symbol lookup, not a portfolio replay.
 */
export function createChartSource(db: Db) {
  let cached: { key: string; days: Int32Array; value: Float64Array } | null = null;
  return function load(o: ChartRequest): ChartData {
    const to = dayToIso(dayOf(o.now));
    const key = `${to}:${o.baseCurrency}`;
    if (cached?.key !== key) {
      const p = portfolioSeries(db, { to, baseCurrency: o.baseCurrency });
      cached = { key, days: p.days, value: p.value };
    }
    const from = rangeStart(o.range, o.now);
    const fromDay = from ? isoToDay(from) : -Infinity;
    const portfolio: number[] = [];
    for (let i = 0; i < cached.days.length; i++) {
      const v = cached.value[i] as number;
      // Before the first holding the value is 0: leave that flat stretch out of the chart.
      if ((cached.days[i] as number) >= fromDay && Number.isFinite(v) && (v > 0 || portfolio.length > 0)) portfolio.push(v);
    }
    let closes: number[] = [];
    if (o.symbol) closes = Array.from(symbolSeries(db, o.symbol, from, to).close).filter(Number.isFinite);
    const note = portfolio.length < 2 ? 'no price history yet (portfolio warm fetches it)' : null;
    return { range: o.range, portfolio, symbol: o.symbol, closes, note };
  };
}
