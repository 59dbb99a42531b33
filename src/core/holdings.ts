/**
 * Holdings maths: one pass over the ledger in date order. Pure: transactions and an FX lookup in,
 * positions, cash and problems out. Amounts are tracked in the transaction's currency ("local") and
 * in the base currency at the FX rate of each transaction's date ("base"). A missing FX rate makes
 * the base figures NaN (never a silent 1.0); callers turn that into a visible warning.
 *
 * Cost basis and realized gains are not computed here: the lot engine (lots.ts) is their one home,
 * so `holdings`, `gains` and `performance` report the same realized gain. This replay keeps the
 * per-symbol totals, share counts per account, cash and the ledger's problems.
 */
import { applyMove } from './holdings-moves.js';
import { LotEngine, ledgerOrdered } from './lots.js';
import { sellProblem } from './position-rules.js';
import { marksCashAccount } from './cash-accounts.js';
import { applyRatio } from './split-ratio.js';
import { cashEffect } from './tx-types.js';
import type { LotSale } from './lots.js';
import type { Transaction } from './types.js';

export { splitFactor } from './split-ratio.js';

export type CostMethod = 'avg' | 'fifo';

/** Rate converting one unit of `currency` into the base currency on `date`; NaN when unknown. */
export type RateAt = (currency: string, date: string) => number;

export interface Lot {
  quantity: number;
  cost: number; // local, fees included
  costBase: number;
}

export interface Position {
  symbol: string;
  currency: string;
  quantity: number;
  /** Open lots from the lot engine, account by account (name order), each oldest first. */
  lots: Lot[];
  cost: number;
  costBase: number;
  realized: number;
  realizedBase: number;
  dividends: number;
  dividendsBase: number;
  /** Trading fees plus fee transactions naming this symbol. */
  fees: number;
  feesBase: number;
  firstDate: string;
  /** Tax paid less tax refunded on this symbol (withholding on its dividends). */
  taxes: number;
  taxesBase: number;
  /** Shares per account (sells and splits applied per account). */
  accounts: Map<string, number>;
}

export interface CashBalance {
  account: string;
  currency: string;
  amount: number;
}

export interface LedgerProblem {
  txId: number;
  date: string;
  symbol: string | null;
  message: string;
}

export interface HoldingsResult {
  positions: Map<string, Position>;
  /** Cash of the accounts that track cash (at least one deposit or withdrawal). */
  cash: CashBalance[];
  dividendsBase: number;
  interestBase: number;
  feesBase: number;
  /** Tax paid less tax refunded, in the base currency. */
  taxesBase: number;
  /** Currencies whose dividends, interest or fees could not be converted (left out of the sums above). */
  unconverted: Set<string>;
  problems: LedgerProblem[];
}

export interface ReplayOptions {
  costMethod?: CostMethod;
  baseCurrency?: string;
  rateAt?: RateAt;
}

/** Relative tolerance so that 0.1 + 0.2 shares can be sold as 0.3. */
const EPS = 1e-9;

/** Where a dividend, interest, fee or tax row adds up: the position's field, the base total, the sign. */
const INCOME_FIELDS = {
  dividend: ['dividends', 'dividendsBase', 1],
  interest: ['dividends', 'interestBase', 1],
  fee: ['fees', 'feesBase', 1],
  tax: ['taxes', 'taxesBase', 1],
  tax_refund: ['taxes', 'taxesBase', -1],
} as const satisfies Record<string, readonly ['dividends' | 'fees' | 'taxes', 'dividendsBase' | 'interestBase' | 'feesBase' | 'taxesBase', 1 | -1]>;

/**
 * A replay in progress: what the next transaction needs. Positions carry no cost yet (the lot
 * engine holds it); `finishHoldings` turns the state into the result. A state can be stored and
 * resumed with later transactions (src/ledger/replay-state.ts).
 */
export interface HoldingsState extends Omit<HoldingsResult, 'cash'> {
  lots: LotEngine;
  /** account -> currency -> amount */
  cashBy: Map<string, Map<string, number>>;
  tracksCash: Set<string>;
}

/** The rate a replay converts at: 1 for the base currency (or with no base and no lookup). */
export function replayRate(options: ReplayOptions): RateAt {
  const base = options.baseCurrency;
  const rateAt = options.rateAt;
  return (currency, date) => (currency === base ? 1 : rateAt ? rateAt(currency, date) : base === undefined ? 1 : NaN);
}

/** The state before the first transaction. */
export function newHoldingsState(options: ReplayOptions = {}): HoldingsState {
  const lots = new LotEngine({ method: options.costMethod ?? 'avg', rateAt: replayRate(options) });
  return { positions: new Map(), lots, cashBy: new Map(), tracksCash: new Set(), dividendsBase: 0, interestBase: 0, feesBase: 0, taxesBase: 0, unconverted: new Set(), problems: [] };
}

/**
 * Replays the ledger. An array is taken in date order (ties by id) whatever its order; any other
 * iterable (a store scan, streamed row by row) must already be in that order.
 */
export function computeHoldings(transactions: Iterable<Transaction>, options: ReplayOptions = {}): HoldingsResult {
  const state = newHoldingsState(options);
  replayHoldings(state, ledgerOrdered(transactions), options);
  return finishHoldings(state, options.costMethod ?? 'avg');
}

/** Applies transactions (in ledger order, after every one the state has seen) to the state. */
export function replayHoldings(state: HoldingsState, txs: Iterable<Transaction>, options: ReplayOptions = {}): void {
  const rate = replayRate(options);
  const { positions, lots, cashBy: cash, tracksCash, problems } = state;
  const addBase = (key: 'dividendsBase' | 'interestBase' | 'feesBase' | 'taxesBase', value: number, currency: string): void => {
    if (Number.isFinite(value)) state[key] += value;
    else state.unconverted.add(currency);
  };

  const position = (tx: Transaction): Position => {
    const symbol = tx.symbol as string;
    let p = positions.get(symbol);
    if (!p) {
      p = { symbol, currency: tx.currency, quantity: 0, lots: [], cost: 0, costBase: 0, realized: 0, realizedBase: 0, dividends: 0, dividendsBase: 0, fees: 0, feesBase: 0, firstDate: tx.date, taxes: 0, taxesBase: 0, accounts: new Map() };
      positions.set(symbol, p);
    }
    return p;
  };
  // The cash a row moves (tx-types.ts); a cash transfer passes each side's amount itself.
  const addCash = (tx: Transaction, delta: number = cashEffect(tx)): void => {
    let byCurrency = cash.get(tx.account);
    if (!byCurrency) cash.set(tx.account, (byCurrency = new Map()));
    byCurrency.set(tx.currency, (byCurrency.get(tx.currency) ?? 0) + delta);
  };

  for (const tx of txs) {
    const fx = rate(tx.currency, tx.date);
    const fee = tx.fee ?? 0;
    switch (tx.type) {
      case 'buy': {
        const p = position(tx);
        const q = tx.quantity ?? 0;
        lots.apply(tx);
        p.quantity += q;
        p.accounts.set(tx.account, (p.accounts.get(tx.account) ?? 0) + q);
        p.fees += fee;
        p.feesBase += fee * fx;
        addBase('feesBase', fee * fx, tx.currency);
        addCash(tx);
        break;
      }
      case 'sell': {
        const p = position(tx);
        let q = tx.quantity ?? 0;
        const held = Math.min(p.quantity, p.accounts.get(tx.account) ?? 0);
        const problem = sellProblem(p.symbol, tx.account, tx.date, q, held);
        if (problem) {
          problems.push({ txId: tx.id, date: tx.date, symbol: tx.symbol, message: problem });
          q = held;
        }
        const sales = lots.sales.length;
        lots.apply(tx);
        for (let i = sales; i < lots.sales.length; i++) {
          const s = lots.sales[i] as LotSale;
          p.realized += s.proceeds - s.cost;
          p.realizedBase += s.proceedsBase - s.costBase;
        }
        const left = p.quantity - q;
        // Float dust from fractional shares must not leave a phantom holding.
        p.quantity = Math.abs(left) <= EPS * Math.max(1, q) ? 0 : left;
        const inAccount = (p.accounts.get(tx.account) ?? 0) - q;
        p.accounts.set(tx.account, Math.abs(inAccount) <= EPS * Math.max(1, q) ? 0 : inAccount);
        p.fees += fee;
        p.feesBase += fee * fx;
        addBase('feesBase', fee * fx, tx.currency);
        addCash(tx);
        break;
      }
      case 'split': {
        const p = position(tx);
        const after = applyRatio(p.quantity, tx.ratio);
        if (after === null) {
          problems.push({ txId: tx.id, date: tx.date, symbol: tx.symbol, message: `split ratio "${tx.ratio}" is not N:M` });
          break;
        }
        p.quantity = after;
        lots.apply(tx);
        for (const [account, q] of p.accounts) p.accounts.set(account, applyRatio(q, tx.ratio) as number);
        break;
      }
      case 'dividend':
      case 'interest':
      case 'fee':
      case 'tax':
      case 'tax_refund': {
        // Income and charges: to the position when the row names a symbol, always to the base totals.
        const [field, baseTotal, sign] = INCOME_FIELDS[tx.type];
        const amount = sign * (tx.amount ?? 0);
        if (tx.symbol) {
          const p = position(tx);
          p[field] += amount;
          p[`${field}Base`] += amount * fx;
        }
        addBase(baseTotal, amount * fx, tx.currency);
        addCash(tx);
        break;
      }
      case 'transfer':
      case 'rename':
      case 'spinoff': {
        const moved = applyMove(tx, { positions, position, problems });
        if (moved === 'shares') lots.apply(tx);
        if (moved === 'cash') {
          tracksCash.add(tx.account);
          tracksCash.add(tx.toAccount as string);
          addCash(tx, -(tx.amount ?? 0));
          addCash({ ...tx, account: tx.toAccount as string }, tx.amount ?? 0);
        }
        break;
      }
      case 'deposit':
      case 'withdrawal':
        addCash(tx);
        break;
    }
    if (marksCashAccount(tx.type)) tracksCash.add(tx.account);
  }
}

/**
 * The result of a replay: costs from the lot engine's open books, cash of the accounts that track
 * it. `withLots` false leaves each position's `lots` empty (a summary that shows no lots).
 */
export function finishHoldings(state: HoldingsState, method: CostMethod, withLots = true): HoldingsResult {
  const { lots, positions, cashBy, tracksCash } = state;
  for (const b of lots.openBooks()) {
    const p = positions.get(b.symbol);
    if (!p || p.quantity <= 0) continue;
    p.cost += b.cost;
    p.costBase += b.costBase;
    // Under average cost the book's cost is spread over its lots by quantity.
    if (withLots) for (const l of b.lots) p.lots.push(method === 'avg' ? { quantity: l.quantity, cost: (b.cost * l.quantity) / b.quantity, costBase: (b.costBase * l.quantity) / b.quantity } : { quantity: l.quantity, cost: l.cost, costBase: l.costBase });
  }
  const cash: CashBalance[] = [];
  for (const account of [...tracksCash].sort()) {
    for (const [currency, amount] of cashBy.get(account) ?? []) cash.push({ account, currency, amount });
  }
  const { dividendsBase, interestBase, feesBase, taxesBase, unconverted, problems } = state;
  return { positions, cash, dividendsBase, interestBase, feesBase, taxesBase, unconverted, problems };
}

/** Average cost per share in the position's currency, or null when nothing is held. */
export function averageCost(p: Position): number | null {
  return p.quantity > 0 ? p.cost / p.quantity : null;
}
