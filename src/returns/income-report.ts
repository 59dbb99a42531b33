/**
 * The `income` report from the local database: the ledger, FX closes (each payment at its own
 * date's rate; the forward estimate at the latest rate) and cached prices for current yields.
 */
import type { CashflowBy } from '../core/cashflows.js';
import type { CostMethod } from '../core/holdings.js';
import { computeIncome, type IncomeResult } from '../core/income.js';
import type { Db } from '../store/db.js';
import { LOT_TYPES, LotEngine } from '../core/lots.js';
import { DEFAULT_LONG_TERM_MONTHS } from '../core/holding-period.js';
import type { Transaction } from '../core/types.js';
import { eachTransaction } from '../store/transactions.js';
import { loadFx } from '../ledger/fx-rates.js';
import { lookupPrices } from '../ledger/price-lookup.js';
import { INCOME_TYPES, withSeed } from './stored-replay.js';

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
  /** Keys the stored replay it shares with `gains` (shares held do not depend on it). Default 12. */
  longTermMonths?: number;
}

export function incomeReport(db: Db, req: IncomeRequest): IncomeReport {
  const fx = loadFx(db, req.baseCurrency);
  // The stored replay converts lot legs with its own table (withSeed preloads it): its notes are not income's.
  const lotFx = loadFx(db, req.baseCurrency);
  const key = { costMethod: req.costMethod, baseCurrency: req.baseCurrency, longTermMonths: req.longTermMonths ?? DEFAULT_LONG_TERM_MONTHS };
  const warnings = new Set<string>();
  const paid = new Set<string>();
  let prices: ReturnType<typeof lookupPrices> | undefined;
  const result = withSeed(db, key, lotFx, { to: req.today, income: true }, (seed) => {
    // Up to the stored year end, the stored rows income counts (and the splits and renames that
    // rescale its history); after it every row, streamed in ledger order: 100,000s of rows never
    // sit in memory at once. Prices are read once the stream has ended (computeIncome asks for
    // them after its replay), for the symbols that paid.
    fx.preload(seed.currencies); // the streamed replay below can run no query of its own
    const through = seed.through ?? undefined;
    const before = seed.incomeRows;
    const after = eachTransaction(db, { after: through, to: req.today, types: [...LOT_TYPES, ...INCOME_TYPES] });
    const engine = new LotEngine({ method: req.costMethod, recordFrom: '9999-12-31' });
    engine.importBooks(seed.engine.exportBooks());
    return computeIncome(withDividendSymbols(concat(before, after), paid), {
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
      start: through ? { engine, through, held: seed.held } : undefined,
    });
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

function* concat<T>(a: Iterable<T>, b: Iterable<T>): Generator<T> {
  yield* a;
  yield* b;
}

/** The rows unchanged, noting each symbol that paid a dividend on the way. */
function* withDividendSymbols(rows: Iterable<Transaction>, into: Set<string>): Generator<Transaction> {
  for (const t of rows) {
    if (t.type === 'dividend' && t.symbol) into.add(t.symbol);
    yield t;
  }
}
