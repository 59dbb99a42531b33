/** Chart series for the dashboard: portfolio value and one symbol's closes over a range (SQLite only). */
import { dayOf, dayToIso } from '../core/dates.js';
import { portfolioSeries, symbolSeries } from '../perf/series.js';
import type { Db } from '../store/db.js';
import type { ChartData, RangeKey } from './state.js';

/** First day of a range ending today, or undefined for MAX. */
export function rangeStart(range: RangeKey, now: Date): string | undefined {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const months: Partial<Record<RangeKey, number>> = { '1M': 1, '3M': 3, '6M': 6, '1Y': 12, '5Y': 60 };
  if (range === 'MAX') return undefined;
  if (range === 'YTD') return `${now.getUTCFullYear() - 1}-12-31`;
  d.setUTCMonth(d.getUTCMonth() - (months[range] ?? 12));
  return d.toISOString().slice(0, 10);
}

export function loadChartData(db: Db, o: { range: RangeKey; symbol: string | null; now: Date; baseCurrency: string }): ChartData {
  const to = dayToIso(dayOf(o.now));
  const from = rangeStart(o.range, o.now);
  const p = portfolioSeries(db, { from, to, baseCurrency: o.baseCurrency });
  let first = 0;
  while (first < p.value.length && !((p.value[first] as number) > 0)) first++;
  const portfolio = Array.from(p.value.subarray(first)).filter(Number.isFinite);
  let closes: number[] = [];
  if (o.symbol) {
    const s = symbolSeries(db, o.symbol, from, to);
    closes = Array.from(s.close).filter(Number.isFinite);
  }
  const note = portfolio.length < 2 ? 'no price history yet (portfolio warm fetches it)' : null;
  return { range: o.range, portfolio, symbol: o.symbol, closes, note };
}
