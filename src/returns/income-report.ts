/**
 * The `income` report from the local database: the ledger, FX closes (each payment at its own
 * date's rate; the forward estimate at the latest rate) and cached prices for current yields.
 */
import type { CashflowBy } from '../core/cashflows.js';
import type { CostMethod } from '../core/holdings.js';
import { computeIncome, type IncomeResult } from '../core/income.js';
import type { Db } from '../store/db.js';
import { LOT_TYPES } from '../core/lots.js';
import type { Transaction } from '../core/types.js';
import { eachTransaction, ledgerCurrencies } from '../store/transactions.js';
import { loadFx } from '../ledger/fx-rates.js';
import { lookupPrices } from '../ledger/price-lookup.js';

export interface IncomeReport extends Omit<IncomeResult, 'trailing12m'> {
  by: CashflowBy;
  asOf: string;
  baseCurrency: string;
  symbol: string | null;
  /** Net income (dividends + interest - tax withheld - fees) of the twelve months to asOf. */
  trailing12m: number;
  trailing12mDetail: IncomeResult['trailing12m'];
  warnings: string[];
}

export interface IncomeRequest {
  by: CashflowBy;
  today: string;
  now: Date;
  baseCurrency: string;
  costMethod: CostMethod;
  ttlSeconds: number;
  symbol?: string;
}

export function incomeReport(db: Db, req: IncomeRequest): IncomeReport {
  const fx = loadFx(db, req.baseCurrency);
  fx.preload(ledgerCurrencies(db)); // the streamed replay below can run no query of its own
  const warnings = new Set<string>();
  // Streamed in ledger order: 100,000s of rows never sit in memory at once. Prices are read once
  // the stream has ended (computeIncome asks for them after its replay), for the symbols that paid.
  const paid = new Set<string>();
  const txs = withDividendSymbols(eachTransaction(db, { to: req.today, types: [...LOT_TYPES, 'dividend', 'interest', 'tax', 'tax_refund'] }), paid);
  let prices: ReturnType<typeof lookupPrices> | undefined;
  const result = computeIncome(txs, {
    by: req.by,
    today: req.today,
    symbol: req.symbol,
    method: req.costMethod,
    rateAt: fx.rateAt,
    latestRate: (c) => fx.latest(c),
    priceOf: (s) => {
      prices ??= lookupPrices(db, [...paid], req.now, req.ttlSeconds);
      const p = prices.get(s);
      return p && p.price !== null ? { price: p.price, currency: p.currency } : null;
    },
    onMissing: (tx) => warnings.add(`no FX rate for ${tx.currency}: its income on ${tx.date} is left out`),
  });
  for (const w of fx.warnings()) warnings.add(w);
  const { trailing12m, ...rest } = result;
  return {
    by: req.by,
    asOf: req.today,
    baseCurrency: req.baseCurrency,
    symbol: req.symbol ?? null,
    ...rest,
    trailing12m: trailing12m.net,
    trailing12mDetail: trailing12m,
    warnings: [...warnings],
  };
}

/** The rows unchanged, noting each symbol that paid a dividend on the way. */
function* withDividendSymbols(rows: Iterable<Transaction>, into: Set<string>): Generator<Transaction> {
  for (const t of rows) {
    if (t.type === 'dividend' && t.symbol) into.add(t.symbol);
    yield t;
  }
}
