/**
 * Loads the ledger, closes and FX once and computes daily series for the portfolio, its accounts
 * or its symbols over one window: from the day before the first transaction to `to`.
 */
import { cashTrackingAccounts } from '../core/cash-accounts.js';
import { fxCandidates } from '../core/currency.js';
import { dayToIso, isoToDay } from '../core/dates.js';
import type { Transaction } from '../core/types.js';
import type { Db } from '../store/db.js';
import { listTransactions } from '../store/transactions.js';
import { loadTracks, withLastBefore } from './load.js';
import { PriceBook } from './price-book.js';
import { addInto, computeScope, emptySeries, type ScopeSeries } from './scope.js';
import { incomingLeg } from './scope-moves.js';
import type { WarningLog } from './warnings.js';

export interface PerfData {
  /** Day number of index 0 (the day before the first transaction, or before `to`). */
  start: number;
  length: number;
  base: string;
  inception: number | null;
  txs: Transaction[];
  book: PriceBook;
  /** Missing-data log (the book's), filled as scopes are computed. */
  warnings: WarningLog;
  /** Accounts in name order, each with whether it tracks cash (contract). */
  accounts: { name: string; tracksCash: boolean; txs: Transaction[] }[];
}

export interface LoadOptions {
  /** Last day (YYYY-MM-DD), usually today. */
  to: string;
  baseCurrency: string;
  /**
   * First day of the window (day number) when extending a cached series; default the day before
   * the first transaction. Earlier transactions then only set the opening positions and cash.
   */
  windowStart?: number;
}

export function loadPerfData(db: Db, options: LoadOptions): PerfData {
  const to = isoToDay(options.to);
  const base = options.baseCurrency;
  const all = listTransactions(db);
  const txs = all.filter((t) => t.date <= options.to);
  const inception = txs.length > 0 ? isoToDay((txs[0] as Transaction).date) : null;
  const start = options.windowStart ?? Math.min(inception ?? to, to) - 1;
  const length = to - start + 1;

  // A symbol's price currency is the currency its trades were recorded in.
  const currencyOf = new Map<string, string>();
  const currencies = new Set<string>();
  const byAccount = new Map<string, Transaction[]>();
  for (const t of txs) {
    if (t.symbol && !currencyOf.has(t.symbol) && t.type !== 'dividend' && t.type !== 'tax') currencyOf.set(t.symbol, t.currency);
    if (t.toSymbol && !currencyOf.has(t.toSymbol)) currencyOf.set(t.toSymbol, currencyOf.get(t.symbol ?? '') ?? t.currency);
    currencies.add(t.currency);
    for (const leg of t.type === 'transfer' && t.toAccount ? [t, incomingLeg(t)] : [t]) {
      let list = byAccount.get(leg.account);
      if (!list) byAccount.set(leg.account, (list = []));
      list.push(leg);
    }
  }
  const symbols = [...currencyOf.keys()];
  for (const c of currencies) if (c !== base) symbols.push(...fxCandidates(c, base));
  let tracks;
  if (options.windowStart === undefined) tracks = loadTracks(db, symbols, options.to);
  else {
    const from = dayToIso(options.windowStart);
    tracks = loadTracks(db, symbols, options.to, from);
    withLastBefore(db, tracks, symbols, from);
  }
  const book = new PriceBook(start, length, base, tracks, (s) => currencyOf.get(s) ?? base);
  const cashAccounts = cashTrackingAccounts(all);
  const accounts = [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => ({
      name,
      // Decided over the whole ledger, so a later deposit gives the same answer for every period.
      tracksCash: cashAccounts.has(name),
      txs: list,
    }));
  return { start, length, base, inception, txs, book, warnings: book.warnings, accounts };
}

/** The whole portfolio: the sum of its accounts, each under its own cash rule. */
export function portfolioScope(data: PerfData): ScopeSeries {
  const total = emptySeries(data.length);
  for (const a of data.accounts) addInto(total, computeScope(a.txs, a.tracksCash, data.book));
  return total;
}

export function accountScopes(data: PerfData): { name: string; series: ScopeSeries }[] {
  return data.accounts.map((a) => ({ name: a.name, series: computeScope(a.txs, a.tracksCash, data.book, true) }));
}

/**
 * Each symbol as its own portfolio without cash (buys in, sells, dividends out), computed one at
 * a time so a thousand symbols never hold a thousand sets of arrays at once.
 */
export function* symbolScopes(data: PerfData): Generator<{ name: string; series: ScopeSeries }> {
  const bySymbol = new Map<string, Transaction[]>();
  for (const t of data.txs) {
    // A transfer between accounts changes nothing for the symbol as a whole.
    if (!t.symbol || t.type === 'transfer') continue;
    for (const s of t.toSymbol ? [t.symbol, t.toSymbol] : [t.symbol]) {
      let list = bySymbol.get(s);
      if (!list) bySymbol.set(s, (list = []));
      list.push(t);
    }
  }
  for (const name of [...bySymbol.keys()].sort()) {
    yield { name, series: computeScope(bySymbol.get(name) as Transaction[], false, data.book, true) };
  }
}

export function indexToIso(data: PerfData, i: number): string {
  return dayToIso(data.start + i);
}
