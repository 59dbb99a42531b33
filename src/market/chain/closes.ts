/**
 * Keeping closes current in batches. For covered symbols routed to Yahoo, one spark request
 * answers 20 symbols' recent closes (1,000 symbols: 50 requests). Corporate events still reach the
 * cache: a quote naming a dividend date with no dividend stored around it marks the symbol, and a
 * close that jumps like a split from the last stored one (the chart's closes are split-adjusted)
 * is not taken; both get the per-symbol chart (with its events) instead, once.
 */
import { addDays, todayIso } from '../../core/dates.js';
import type { Db } from '../../store/db.js';
import { clearEvent, hasDividendBetween, lastClosesFor, markEvent, pendingEvents } from '../../store/provider-records.js';
import { failureOf, MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { fetchSpark, SPARK_BATCH } from '../providers/yahoo-spark.js';
import { toMajorUnits } from '../../core/currency.js';
import { symbolInfo } from '../symbols.js';
import type { ProviderHistory, ProviderQuote, SymbolFailure } from '../types.js';

const SPLIT_LIKE = (ratio: number) => ratio >= 1.8 || ratio <= 0.55;

/** After quotes land: a dividend date in the last 30 days with no dividend stored for it marks the symbol. */
export function noteDividendDates(db: Db, quotes: readonly ProviderQuote[], now: Date): void {
  const today = todayIso(now);
  for (const q of quotes) {
    const d = q.dividendDate;
    if (!d || d > today || d < addDays(today, -30)) continue;
    // Yahoo's dividendDate is the pay date; the ex-date (what the chart records) comes weeks before.
    if (!hasDividendBetween(db, q.symbol, addDays(d, -45), d)) markEvent(db, q.symbol, addDays(d, -45), now);
  }
}

function rangeFor(from: string, now: Date): string {
  const days = (Date.parse(todayIso(now)) - Date.parse(from)) / 86_400_000;
  return days <= 4 ? '5d' : days <= 27 ? '1mo' : '3mo';
}

export interface SparkCloses {
  db: Db;
  http: HttpClient;
  base: string;
  now: () => Date;
  tz: (symbol: string) => string | null;
  /** The symbol's currency as cached (major units), if known. */
  currency: (symbol: string) => string | null;
  /** Yahoo's symbol for ours (BRK.B -> BRK-B). */
  alias: (symbol: string) => string;
  /** Per-symbol history with events (the chain's own), for marked or split-like symbols. */
  history: (symbol: string, from: string, to: string, signal?: AbortSignal, context?: string) => Promise<ProviderHistory>;
}

export async function sparkCloses(
  o: SparkCloses, requests: readonly { symbol: string; from: string; to: string }[], signal?: AbortSignal, context?: string,
): Promise<{ histories: ProviderHistory[]; failures: SymbolFailure[] }> {
  const histories: ProviderHistory[] = [];
  const failures: SymbolFailure[] = [];
  const events = pendingEvents(o.db);
  const last = lastClosesFor(o.db, requests.map((r) => r.symbol));
  const byChart = requests.filter((r) => events.has(r.symbol));
  const bySpark = requests.filter((r) => !events.has(r.symbol));
  for (let i = 0; i < bySpark.length; i += SPARK_BATCH) {
    const batch = bySpark.slice(i, i + SPARK_BATCH);
    const from = batch.reduce((m, r) => (r.from < m ? r.from : m), batch[0]?.from as string);
    const yahoo = new Map(batch.map((r) => [o.alias(r.symbol), r]));
    let got: Map<string, { date: string; close: number }[]>;
    try {
      got = await fetchSpark(o.http, o.base, [...yahoo.keys()], rangeFor(from, o.now()), (s) => o.tz(yahoo.get(s)?.symbol ?? s), signal, context);
    } catch (err) {
      for (const r of batch) failures.push(failureOf(r.symbol, err));
      continue;
    }
    for (const [ys, r] of yahoo) {
      const bars = got.get(ys);
      if (!bars) {
        failures.push({ symbol: r.symbol, message: 'not in the spark answer', temporary: true });
        continue;
      }
      const prev = last.get(r.symbol);
      const all = prev ? [{ date: prev.date, close: prev.close }, ...bars.filter((b) => b.date > prev.date)] : bars;
      if (all.some((b, k) => k > 0 && SPLIT_LIKE(b.close / (all[k - 1] as { close: number }).close))) byChart.push(r);
      else {
        // Spark has no currency: closes of London (GBp) and other minor-unit listings are divided by 100.
        const minor = toMajorUnits(symbolInfo(r.symbol).currency);
        const currency = o.currency(r.symbol) ?? minor.currency;
        const divisor = currency === minor.currency ? minor.divisor : 1;
        const kept = bars.filter((b) => b.date >= r.from && b.date <= r.to).map((b) => ({ date: b.date, close: b.close / divisor }));
        histories.push({ symbol: r.symbol, currency, bars: kept, dividends: [], splits: [], source: 'yahoo' });
      }
    }
  }
  for (const r of byChart) {
    const from = events.get(r.symbol) ?? r.from;
    try {
      const h = await o.history(r.symbol, from < r.from ? from : r.from, r.to, signal, context);
      histories.push(h);
      clearEvent(o.db, r.symbol);
    } catch (err) {
      failures.push(err instanceof MarketError ? failureOf(r.symbol, err) : { symbol: r.symbol, message: String(err), temporary: true });
    }
  }
  return { histories, failures };
}
