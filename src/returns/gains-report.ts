/**
 * The `gains` report: realized gains from the lot engine, one row per lot consumed (FIFO) or per
 * sale and term (average cost), in the base currency with each leg at its own date's FX and in
 * the security's currency. `performance`'s realizedGain is the sum of these rows over its period.
 */
import type { CostMethod } from '../core/holdings.js';
import { LOT_TYPES, type LotSale } from '../core/lots.js';
import type { Db } from '../store/db.js';
import { eachTransaction } from '../store/transactions.js';
import { loadFx } from '../ledger/fx-rates.js';
import { withSeed } from './stored-replay.js';

export interface GainsRow {
  date: string;
  symbol: string;
  account: string;
  quantity: number;
  proceeds: number;
  costBasis: number;
  gain: number;
  acquired: string | null;
  holdingDays: number | null;
  term: 'short' | 'long';
  currency: string;
  proceedsNative: number;
  costBasisNative: number;
  gainNative: number;
}

export interface GainsTotals {
  proceeds: number;
  costBasis: number;
  gain: number;
  shortTerm: number;
  longTerm: number;
}

export interface GainsReport {
  from: string | null;
  to: string;
  costMethod: CostMethod;
  baseCurrency: string;
  longTermMonths: number;
  rows: GainsRow[];
  totals: GainsTotals;
  byYear: ({ year: string } & GainsTotals)[];
  groups: { by: 'symbol' | 'account'; rows: ({ key: string } & GainsTotals)[] };
  warnings: string[];
}

export interface GainsRequest {
  baseCurrency: string;
  costMethod: CostMethod;
  longTermMonths: number;
  from?: string;
  to: string;
  by?: 'symbol' | 'account';
}

/**
 * Every lot sale from `from` to `to` (inclusive), replayed over the whole ledger before it: from
 * the stored state at the last year end before `to` (src/returns/stored-replay.ts), then the rows
 * after it.
 */
export function lotSales(db: Db, req: Omit<GainsRequest, 'by'>): { sales: LotSale[]; warnings: string[]; first: string | null } {
  const fx = loadFx(db, req.baseCurrency); // withSeed preloads it: a streamed replay can run no query of its own
  const key = { costMethod: req.costMethod, baseCurrency: req.baseCurrency, longTermMonths: req.longTermMonths };
  const from = req.from ?? '';
  return withSeed(db, key, fx, { to: req.to, salesFrom: from }, (seed) => {
    const { engine, sales } = seed;
    let first = seed.first;
    // Streamed in ledger order: 100,000s of rows never sit in memory at once.
    for (const tx of eachTransaction(db, { after: seed.through ?? undefined, to: req.to, types: LOT_TYPES })) {
      first ??= tx.date;
      engine.apply(tx);
    }
    for (const s of engine.sales) if (s.date >= from) sales.push(s);
    const warnings = [...fx.warnings(), ...engine.problems.map((p) => p.message)];
    return { sales, warnings, first };
  });
}

export function emptyTotals(): GainsTotals {
  return { proceeds: 0, costBasis: 0, gain: 0, shortTerm: 0, longTerm: 0 };
}

export function addRow(t: GainsTotals, r: { proceeds: number; costBasis: number; gain: number; term: string }): void {
  // A leg without an FX rate is NaN: left out of every total (a warning names the pair).
  if (!Number.isFinite(r.gain)) return;
  t.proceeds += r.proceeds;
  t.costBasis += r.costBasis;
  t.gain += r.gain;
  if (r.term === 'long') t.longTerm += r.gain;
  else t.shortTerm += r.gain;
}

export function toRow(s: LotSale): GainsRow {
  return {
    date: s.date,
    symbol: s.symbol,
    account: s.account,
    quantity: s.quantity,
    proceeds: s.proceedsBase,
    costBasis: s.costBase,
    gain: s.proceedsBase - s.costBase,
    acquired: s.acquired,
    holdingDays: s.holdingDays,
    term: s.term,
    currency: s.currency,
    proceedsNative: s.proceeds,
    costBasisNative: s.cost,
    gainNative: s.proceeds - s.cost,
  };
}

export function gainsReport(db: Db, req: GainsRequest): GainsReport {
  const { sales, warnings, first } = lotSales(db, req);
  const from = req.from ?? first;
  const rows = sales.filter((s) => from === null || s.date >= from).map(toRow);
  const totals = emptyTotals();
  const years = new Map<string, GainsTotals>();
  const groups = new Map<string, GainsTotals>();
  const by = req.by ?? 'symbol';
  for (const r of rows) {
    addRow(totals, r);
    const y = r.date.slice(0, 4);
    if (!years.has(y)) years.set(y, emptyTotals());
    addRow(years.get(y) as GainsTotals, r);
    const key = by === 'symbol' ? r.symbol : r.account;
    if (!groups.has(key)) groups.set(key, emptyTotals());
    addRow(groups.get(key) as GainsTotals, r);
  }
  return {
    from,
    to: req.to,
    costMethod: req.costMethod,
    baseCurrency: req.baseCurrency,
    longTermMonths: req.longTermMonths,
    rows,
    totals,
    byYear: [...years].sort(([a], [b]) => a.localeCompare(b)).map(([year, t]) => ({ year, ...t })),
    groups: { by, rows: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => ({ key, ...t })) },
    warnings,
  };
}

/** Realized gain (base currency) of the sales dated in [from, to]: what `performance` reports. */
export function realizedBetween(sales: readonly LotSale[], from: string, to: string, keep: (s: LotSale) => boolean = () => true): number {
  const t = emptyTotals();
  for (const s of sales) if (s.date >= from && s.date <= to && keep(s)) addRow(t, toRow(s));
  return t.gain;
}
