/**
 * Base-currency FX from the price store, loaded per currency on first use (a positions snapshot
 * needs only the latest rates, never the history). A pair FROM->BASE is the Yahoo symbol
 * FROMBASE=X; when only the inverse BASEFROM=X is cached its reciprocal is used. A rate that cannot
 * be found is NaN plus a warning naming the pair: never 1.0.
 */
import type { RateAt } from '../core/holdings.js';
import type { Db } from '../store/db.js';
import { getQuotes, positiveClosesReader } from '../store/prices.js';
import { fxCandidates, findFx, fxRate, fxSymbol } from '../core/currency.js';
import { lastIndexAtOrBefore } from '../core/sorted.js';

interface Series {
  dates: string[];
  rates: number[];
}

export interface FxTable {
  /** Rate on a date: the close on or before it (contract). */
  rateAt: RateAt;
  /** Latest rate: live quote, else latest close. */
  latest(currency: string): number;
  /** One line per pair that was missing or needed a fallback. */
  warnings(): string[];
  /** The same notes keyed by currency, in the order they were made. */
  notes(): [string, string][];
  /** Notes made by an earlier replay (a positions snapshot), before any others. */
  seedNotes(notes: readonly [string, string][]): void;
  /** True once rateAt has fallen back on a latest rate: replayed amounts then depend on FX quotes. */
  usedLatest(): boolean;
  /** Reads what rateAt needs for these currencies now (no notes), so later calls run no query. */
  preload(currencies: readonly string[]): void;
}

export function loadFx(db: Db, base: string): FxTable {
  const quoteRate = new Map<string, number>();
  const seriesOf = new Map<string, Series | null>();
  const closesOf = positiveClosesReader(db);
  let dependsOnLatest = false;

  const loadSeries = (c: string): Series | null => {
    let s = seriesOf.get(c);
    if (s !== undefined) return s;
    const read = (symbol: string): Series | null => {
      const rows = closesOf(symbol);
      return rows.length ? { dates: rows.map((r) => r[0]), rates: rows.map((r) => r[1]) } : null;
    };
    const f = findFx(c, base, read);
    s = f ? { dates: f.value.dates, rates: f.value.rates.map((r) => fxRate(f, r)) } : null;
    seriesOf.set(c, s);
    return s;
  };
  const latestRate = (c: string): number => {
    let rate = quoteRate.get(c);
    if (rate !== undefined) return rate;
    const quotes = getQuotes(db, fxCandidates(c, base));
    const q = findFx(c, base, (pair) => {
      const quote = quotes.get(pair);
      return quote && quote.price > 0 ? quote.price : null;
    });
    if (q) rate = fxRate(q, q.value);
    else {
      const s = loadSeries(c);
      rate = s && s.rates.length ? (s.rates[s.rates.length - 1] as number) : NaN;
    }
    quoteRate.set(c, rate);
    return rate;
  };

  const notes = new Map<string, string>();
  const pairName = (c: string) => `${c}->${base} (${fxSymbol(c, base)})`;
  const missing = (c: string): number => {
    notes.set(c, `no FX rate for ${pairName(c)}: amounts in ${c} are left out of the base-currency totals; run "portfolio warm" or "portfolio prices set ${fxSymbol(c, base)} RATE"`);
    return NaN;
  };

  return {
    rateAt(currency, date) {
      if (currency === base) return 1;
      const s = loadSeries(currency);
      if (s === null || s.dates.length === 0) {
        dependsOnLatest = true;
        const l = latestRate(currency);
        if (Number.isNaN(l)) return missing(currency);
        if (!notes.has(currency)) notes.set(currency, `no ${fxSymbol(currency, base)} history cached: amounts in ${currency} converted at the latest rate`);
        return l;
      }
      const i = lastIndexAtOrBefore(s.dates, date);
      if (i < 0) {
        if (!notes.has(currency)) {
          notes.set(currency, `${fxSymbol(currency, base)} history starts ${s.dates[0]}: earlier amounts in ${currency} converted at that first close`);
        }
        return s.rates[0] as number;
      }
      return s.rates[i] as number;
    },
    latest(currency) {
      if (currency === base) return 1;
      const l = latestRate(currency);
      if (Number.isNaN(l)) return missing(currency);
      return l;
    },
    warnings: () => [...notes.values()],
    notes: () => [...notes],
    seedNotes(seed) {
      for (const [c, text] of seed) notes.set(c, text);
    },
    usedLatest: () => dependsOnLatest,
    preload(currencies) {
      for (const c of currencies) if (c !== base && loadSeries(c) === null) latestRate(c);
    },
  };
}
