/**
 * Dividend and interest income (contract `income`): gross, tax withheld, net per period and per
 * symbol, the trailing twelve months, and the forward estimate. Pure: transactions, FX lookups and
 * latest prices in. Shares held come from the lot engine, so splits, renames and transfers count
 * exactly as they do for gains.
 *
 * Tax withheld is a `tax` row naming a symbol (less `tax_refund` rows naming one); fees charged on
 * a dividend or interest row are kept apart. net = dividends + interest - taxWithheld - fees.
 */
import { periodKey, type CashflowBy } from './cashflows.js';
import { addMonths } from './holding-period.js';
import { splitFactor, type CostMethod, type RateAt } from './holdings.js';
import { forwardMonths, frequencyOf, lastPerShare, projectPayments, type Frequency, type Payment, type ProjectedPayment } from './income-forecast.js';
import { ledgerOrdered, LotEngine, type LotTx } from './lots.js';

export interface IncomeRow {
  period: string;
  dividends: number;
  interest: number;
  taxWithheld: number;
  fees: number;
  net: number;
}

export interface SymbolIncome extends Omit<IncomeRow, 'period' | 'interest'> {
  symbol: string;
  currency: string;
  shares: number;
  /** Dividends per share paid over the trailing twelve months, in `currency`. */
  perShareTtm: number;
  frequency: Frequency | null;
  lastPerShare: number | null;
  lastPayment: string | null;
  yieldOnCost: number | null;
  currentYield: number | null;
  forward12m: number;
}

export interface IncomeResult {
  rows: IncomeRow[];
  totals: IncomeRow;
  trailing12m: IncomeRow;
  symbols: SymbolIncome[];
  forward12m: { total: number; months: { month: string; amount: number }[]; payments: ProjectedPayment[] };
}

export interface IncomeOptions {
  by: CashflowBy;
  today: string;
  symbol?: string;
  method?: CostMethod;
  rateAt: RateAt;
  latestRate: (currency: string) => number;
  /** Latest price and its currency (null: assumed the symbol's), or null. */
  priceOf: (symbol: string) => { price: number; currency: string | null } | null;
  /** Transactions that could not be converted are left out and reported here. */
  onMissing?: (tx: LotTx) => void;
  /**
   * A replay already done up to `through` (a stored one: src/returns/stored-replay.ts): `engine`
   * holds the lots at its end and `held` the shares held at each dividend up to it, by id. Rows up
   * to `through` then only count as income (lot rows among them are not applied again).
   */
  start?: { engine: LotEngine; through: string; held: ReadonlyMap<number, number> };
}

interface Entry {
  income: IncomeRow;
  payments: Payment[];
  currency: string;
}

const row = (period: string): IncomeRow => ({ period, dividends: 0, interest: 0, taxWithheld: 0, fees: 0, net: 0 });

/** `txs`: an array (any order), or an iterable already in ledger order such as a store scan. */
export function computeIncome(txs: Iterable<LotTx>, o: IncomeOptions): IncomeResult {
  // Only shares and cost are needed here: no sale is recorded.
  const engine = o.start?.engine ?? new LotEngine({ method: o.method ?? 'avg', recordFrom: '9999-12-31' });
  const through = o.start?.through ?? '';
  const rows = new Map<string, IncomeRow>();
  const totals = row('total');
  const ttm = row('trailing12m');
  const ttmFrom = addMonths(o.today, -12);
  const bySymbol = new Map<string, Entry>();
  const symbolEntry = (s: string, currency: string) => {
    let e = bySymbol.get(s);
    if (!e) bySymbol.set(s, (e = { income: row(s), payments: [], currency }));
    return e;
  };

  for (const tx of ledgerOrdered(txs)) {
    if (tx.date > o.today) break;
    const isIncome = tx.type === 'dividend' || tx.type === 'interest';
    const isTax = (tx.type === 'tax' || tx.type === 'tax_refund') && tx.symbol !== null;
    if (tx.symbol && (tx.type === 'split' || tx.type === 'rename')) rescaleHistory(bySymbol, tx);
    if ((isIncome || isTax) && (!o.symbol || tx.symbol === o.symbol)) {
      const fx = o.rateAt(tx.currency, tx.date);
      if (!Number.isFinite(fx)) o.onMissing?.(tx);
      else {
        const d = row('');
        const amount = (tx.amount ?? 0) * fx;
        if (tx.type === 'dividend') d.dividends = amount;
        else if (tx.type === 'interest') d.interest = amount;
        else d.taxWithheld = tx.type === 'tax' ? amount : -amount;
        if (isIncome) d.fees = (tx.fee ?? 0) * fx;
        d.net = d.dividends + d.interest - d.taxWithheld - d.fees;
        const key = periodKey(tx.date, o.by);
        let r = rows.get(key);
        if (!r) rows.set(key, (r = row(key)));
        const targets = [r, totals];
        if (tx.date > ttmFrom) targets.push(ttm);
        if (tx.symbol && tx.type !== 'interest') targets.push(symbolEntry(tx.symbol, tx.currency).income);
        for (const t of targets) add(t, d);
        if (tx.type === 'dividend' && tx.symbol) {
          const held = tx.date <= through ? (o.start?.held.get(tx.id) ?? 0) : engine.held(tx.symbol);
          symbolEntry(tx.symbol, tx.currency).payments.push({ date: tx.date, perShare: held > 0 ? (tx.amount ?? 0) / held : NaN, currency: tx.currency });
        }
      }
    }
    if (tx.date > through) engine.apply(tx);
  }

  const { months, horizonEnd } = forwardMonths(o.today);
  const monthAmounts = new Map(months.map((m) => [m, 0]));
  const payments: ProjectedPayment[] = [];
  const symbols: SymbolIncome[] = [];
  const costOf = new Map<string, number>();
  for (const b of engine.openBooks()) costOf.set(b.symbol, (costOf.get(b.symbol) ?? 0) + b.cost);
  for (const s of [...bySymbol.keys()].sort()) {
    const e = bySymbol.get(s) as Entry;
    const shares = engine.held(s);
    const projected = projectPayments(s, e.payments, shares, o.today, horizonEnd, o.latestRate);
    payments.push(...projected);
    for (const p of projected) monthAmounts.set(p.date.slice(0, 7), (monthAmounts.get(p.date.slice(0, 7)) ?? 0) + p.amount);
    const perShareTtm = e.payments.filter((p) => p.date > ttmFrom && Number.isFinite(p.perShare)).reduce((a, p) => a + p.perShare, 0);
    const cost = costOf.get(s) ?? 0;
    const price = o.priceOf(s);
    const last = lastPerShare(e.payments);
    const { period: _p, interest: _i, ...money } = e.income;
    symbols.push({
      symbol: s,
      currency: e.currency,
      ...money,
      shares,
      perShareTtm,
      frequency: frequencyOf(e.payments),
      lastPerShare: last?.perShare ?? null,
      lastPayment: e.payments[e.payments.length - 1]?.date ?? null,
      yieldOnCost: shares > 0 && cost > 0 ? (perShareTtm * shares) / cost : null,
      currentYield: shares > 0 && price && (price.currency === null || price.currency === e.currency) && price.price > 0 ? perShareTtm / price.price : null,
      forward12m: projected.reduce((a, p) => a + p.amount, 0),
    });
  }
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.symbol.localeCompare(b.symbol)));
  const monthList = months.map((month) => ({ month, amount: monthAmounts.get(month) ?? 0 }));
  return {
    rows: [...rows.values()].sort((a, b) => a.period.localeCompare(b.period)),
    totals,
    trailing12m: ttm,
    symbols,
    forward12m: { total: monthList.reduce((a, m) => a + m.amount, 0), months: monthList, payments },
  };
}

function add(t: IncomeRow, d: IncomeRow): void {
  t.dividends += d.dividends;
  t.interest += d.interest;
  t.taxWithheld += d.taxWithheld;
  t.fees += d.fees;
  t.net += d.net;
}

/** Per-share history follows splits (and renames with a ratio) so the last amount stays comparable. */
function rescaleHistory(bySymbol: Map<string, Entry>, tx: LotTx): void {
  const e = bySymbol.get(tx.symbol as string);
  if (!e) return;
  const f = tx.type === 'rename' && !tx.ratio ? 1 : splitFactor(tx.ratio);
  if (!Number.isFinite(f)) return;
  for (const p of e.payments) p.perShare /= f;
  if (tx.type === 'rename' && tx.toSymbol) {
    const target = bySymbol.get(tx.toSymbol);
    if (target) target.payments = [...e.payments, ...target.payments].sort((a, b) => (a.date < b.date ? -1 : 1));
    else bySymbol.set(tx.toSymbol, { income: { ...row(tx.toSymbol) }, payments: e.payments, currency: e.currency });
    e.payments = [];
  }
}
