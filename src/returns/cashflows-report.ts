/** The `cashflows` report: the ledger plus only the FX closes it needs, read from the database. */
import { cashTrackingAccounts } from '../core/cash-accounts.js';
import { fxCandidates, findFx, fxRate, type FxFound } from '../core/currency.js';
import { cashflowRows, type CashflowBy, type CashflowRow } from '../core/cashflows.js';
import { isoToDay } from '../core/dates.js';
import { lastIndexAtOrBefore } from '../core/sorted.js';
import type { Track } from '../core/value-series.js';
import type { Db } from '../store/db.js';
import { listTransactions } from '../store/transactions.js';
import { loadTracks } from './load.js';

export interface CashflowsReport {
  by: CashflowBy;
  baseCurrency: string;
  rows: CashflowRow[];
  totals: CashflowRow;
  warnings: string[];
}

export function cashflowsReport(db: Db, options: { by: CashflowBy; baseCurrency: string; from?: string; to?: string }): CashflowsReport {
  const base = options.baseCurrency;
  const all = listTransactions(db);
  const accountsWithCash = cashTrackingAccounts(all);
  const txs = all.filter((t) => (!options.from || t.date >= options.from) && (!options.to || t.date <= options.to));
  const currencies = [...new Set(txs.map((t) => t.currency))].filter((c) => c !== base);
  const tracks = loadTracks(db, currencies.flatMap((c) => fxCandidates(c, base)), '9999-12-31');
  const warnings = new Set<string>();
  const fx = new Map<string, FxFound<Track> | null>();
  for (const c of currencies) fx.set(c, findFx(c, base, (pair) => tracks.get(pair)));
  const rate = (currency: string, date: string): number => {
    if (currency === base) return 1;
    const f = fx.get(currency);
    if (!f) return NaN;
    let k = lastIndexAtOrBefore(f.value.days, isoToDay(date));
    if (k < 0) {
      warnings.add(`${f.pair}: no FX close on or before ${date}; used the first later rate`);
      k = 0;
    }
    return fxRate(f, f.value.values[k] as number);
  };
  const { rows, totals } = cashflowRows(
    txs,
    options.by,
    (a) => accountsWithCash.has(a),
    rate,
    (tx) => warnings.add(`${fxCandidates(tx.currency, base)[0]}: no FX rate stored; ${tx.currency} transactions are left out (run "portfolio warm")`),
  );
  return { by: options.by, baseCurrency: base, rows, totals, warnings: [...warnings].sort() };
}
