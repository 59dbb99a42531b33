/**
 * Base-currency FX from the price store, loaded in two queries for every currency at once.
 * A pair FROM->BASE is the Yahoo symbol FROMBASE=X; when only the inverse BASEFROM=X is cached its
 * reciprocal is used. A rate that cannot be found is NaN plus a warning naming the pair: never 1.0.
 */
import type { RateAt } from '../core/holdings.js';
import type { Db } from '../store/db.js';
import { fxSymbol, getQuotes } from '../store/prices.js';

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
}

export function loadFx(db: Db, base: string, currencies: Iterable<string>): FxTable {
  const wanted = [...new Set(currencies)].filter((c) => c !== base);
  const pairs = wanted.flatMap((c) => [fxSymbol(c, base), fxSymbol(base, c)]);
  const quotes = getQuotes(db, pairs);
  const rows = pairs.length
    ? (db
        .prepare(
          `SELECT d.symbol, d.date, COALESCE(d.manual_close, d.close) AS close FROM daily_closes d
           JOIN json_each(?) j ON j.value = d.symbol
           WHERE COALESCE(d.manual_close, d.close) > 0 ORDER BY d.symbol, d.date`,
        )
        .all(JSON.stringify(pairs)) as { symbol: string; date: string; close: number }[])
    : [];
  const bySymbol = new Map<string, Series>();
  for (const r of rows) {
    let s = bySymbol.get(r.symbol);
    if (!s) bySymbol.set(r.symbol, (s = { dates: [], rates: [] }));
    s.dates.push(r.date);
    s.rates.push(r.close);
  }

  const series = new Map<string, Series | null>();
  const latest = new Map<string, number>();
  for (const c of wanted) {
    const direct = bySymbol.get(fxSymbol(c, base));
    const inverse = bySymbol.get(fxSymbol(base, c));
    series.set(c, direct ?? (inverse ? { dates: inverse.dates, rates: inverse.rates.map((r) => 1 / r) } : null));
    const dq = quotes.get(fxSymbol(c, base));
    const iq = quotes.get(fxSymbol(base, c));
    const s = series.get(c);
    const rate =
      dq && dq.price > 0 ? dq.price : iq && iq.price > 0 ? 1 / iq.price : s && s.rates.length ? (s.rates[s.rates.length - 1] as number) : NaN;
    latest.set(c, rate);
  }

  const notes = new Map<string, string>();
  const pairName = (c: string) => `${c}->${base} (${fxSymbol(c, base)})`;
  const missing = (c: string): number => {
    notes.set(c, `no FX rate for ${pairName(c)}: amounts in ${c} are left out of the base-currency totals; run "portfolio warm" or "portfolio prices set ${fxSymbol(c, base)} RATE"`);
    return NaN;
  };

  return {
    rateAt(currency, date) {
      if (currency === base) return 1;
      const s = series.get(currency);
      if (s === undefined) return missing(currency);
      if (s === null || s.dates.length === 0) {
        const l = latest.get(currency) ?? NaN;
        if (Number.isNaN(l)) return missing(currency);
        if (!notes.has(currency)) notes.set(currency, `no ${fxSymbol(currency, base)} history cached: amounts in ${currency} converted at the latest rate`);
        return l;
      }
      const i = lastIndexOnOrBefore(s.dates, date);
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
      const l = latest.get(currency);
      if (l === undefined || Number.isNaN(l)) return missing(currency);
      return l;
    },
    warnings: () => [...notes.values()],
  };
}

/** Index of the last date <= `date` in an ascending list, or -1. */
export function lastIndexOnOrBefore(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((dates[mid] as string) <= date) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
