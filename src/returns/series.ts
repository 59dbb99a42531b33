/**
 * The series API for charts (the `chart` command and the dashboard). Stable: other modules rely on it.
 *
 *   portfolioSeries(db, { from?, to, baseCurrency }) -> { days, value, netContributions, warnings }
 *   symbolSeries(db, symbol, from?, to?, opts?)       -> { days, close, splitAdjusted, warnings }
 *
 * `days` are day numbers (days since 1970-01-01, see src/core/dates.ts dayToIso), one per calendar
 * day from `from` (default: the day before the first transaction) to `to`, inclusive.
 * `value` is the portfolio's value at each day's close in the base currency; `netContributions` the
 * running total of external money in less external money out since inception (contract rules).
 * Reads only the database (never the network); the daily series comes from, and refreshes, the
 * perf_cache table (see cache.ts), so repeated calls cost milliseconds.
 */
import { dayToIso, isoToDay } from '../core/dates.js';
import { splitFactor } from '../core/split-ratio.js';
import { cumulativeNet, fillForward } from '../core/value-series.js';
import type { Db } from '../store/db.js';
import { storedSplits } from '../store/quote-cache.js';
import { ledgerSplits } from '../store/transactions.js';
import { portfolioDaily } from './cache.js';
import { loadTracks } from './load.js';

export interface PortfolioSeries {
  days: Int32Array;
  value: Float64Array;
  netContributions: Float64Array;
  warnings: string[];
}

export interface SeriesOptions {
  /** First day (YYYY-MM-DD); default the day before the first transaction. */
  from?: string;
  /** Last day (YYYY-MM-DD), usually today. */
  to: string;
  baseCurrency: string;
}

export function portfolioSeries(db: Db, options: SeriesOptions): PortfolioSeries {
  const data = portfolioDaily(db, { to: options.to, baseCurrency: options.baseCurrency });
  const s = data.series;
  const net = cumulativeNet(s.inflow, s.outflow);
  const from = options.from ? isoToDay(options.from) : data.start;
  const end = data.start + data.length - 1;
  const n = Math.max(0, end - from + 1);
  const days = new Int32Array(n);
  const value = new Float64Array(n);
  const netContributions = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = from + k - data.start;
    days[k] = from + k;
    // Before the window (before inception) nothing was held or contributed.
    value[k] = i >= 0 ? (s.value[i] as number) : 0;
    netContributions[k] = i >= 0 ? (net[i] as number) : 0;
  }
  const fromIdx = Math.max(0, from - data.start);
  return { days, value, netContributions, warnings: data.warnings.messages(data.start, fromIdx, data.length - 1) };
}

export interface SymbolSeries {
  days: Int32Array;
  /** Effective close (manual wins) on or before each day, in the symbol's own currency; NaN before the first. */
  close: Float64Array;
  /** True when closes before a split were divided by its ratio (the default), so a chart shows no false drop. */
  splitAdjusted: boolean;
  warnings: string[];
}

export interface SymbolSeriesOptions {
  /** Divide closes before each split by its ratio (default true). Closes are stored as traded. */
  splitAdjusted?: boolean;
}

interface Split {
  day: number;
  factor: number; // new shares per old share (N/M)
}

/**
 * The symbol's splits: the provider's events when it reported any (they carry the exchange's date),
 * else the ledger's own `split` transactions, so a symbol priced by hand still charts right.
 */
function splitsOf(db: Db, symbol: string): Split[] {
  const events = storedSplits(db, symbol);
  if (events.length > 0) return events.map((e) => ({ day: isoToDay(e.date), factor: e.numerator / e.denominator }));
  const ledger = ledgerSplits(db, symbol);
  const out: Split[] = [];
  for (const r of ledger) {
    const factor = splitFactor(r.ratio);
    if (Number.isFinite(factor)) out.push({ day: isoToDay(r.date), factor });
  }
  return out;
}

/** Divides every close before each split day by that split's factor (in place). */
function adjustForSplits(days: Int32Array, close: Float64Array, splits: readonly Split[]): void {
  for (const s of splits) {
    for (let k = 0; k < days.length && (days[k] as number) < s.day; k++) close[k] = (close[k] as number) / s.factor;
  }
}

/** One symbol's daily closes, forward-filled over calendar days [from, to] (default: its whole history to `to`). */
export function symbolSeries(db: Db, symbol: string, from: string | undefined, to: string, options: SymbolSeriesOptions = {}): SymbolSeries {
  const splitAdjusted = options.splitAdjusted ?? true;
  const track = loadTracks(db, [symbol], to).get(symbol);
  const end = isoToDay(to);
  if (!track || track.days.length === 0) {
    return { days: new Int32Array(0), close: new Float64Array(0), splitAdjusted, warnings: [`${symbol}: no closes stored on or before ${to}`] };
  }
  const start = from ? isoToDay(from) : (track.days[0] as number);
  const n = Math.max(0, end - start + 1);
  const filled = fillForward(track, start, n);
  const days = new Int32Array(n);
  for (let k = 0; k < n; k++) days[k] = start + k;
  const warnings: string[] = [];
  if (filled.firstKnown > 0 && n > 0) warnings.push(`${symbol}: no close before ${dayToIso(start + filled.firstKnown)}`);
  if (filled.lastObservation !== null && end - filled.lastObservation > 7) {
    warnings.push(`${symbol}: last close is ${dayToIso(filled.lastObservation)}`);
  }
  if (splitAdjusted) adjustForSplits(days, filled.values, splitsOf(db, symbol));
  return { days, close: filled.values, splitAdjusted, warnings };
}
