/**
 * The lot engine: the one home of realized-gain arithmetic (`gains`, `performance`'s realizedGain
 * and `income`'s shares-held all replay the ledger through it). Pure: transactions and an FX
 * lookup in, lot sales out.
 *
 * Lots live per (account, symbol), oldest first, each with its acquisition date, quantity and cost
 * in the security's currency ("local", fees included) and in the base currency at the FX of its
 * own buy date ("base"). A sale consumes lots oldest first for quantities and dates under both
 * methods; its cost is the consumed lots' cost under FIFO and the account's average cost under
 * `avg`. Proceeds (net of the sell fee) convert at the FX of the sale date.
 *
 * Types beyond today's ledger are plain strings so they plug in unchanged: `transfer` moves lots
 * between accounts with their dates and cost; `rename` carries lots to `toSymbol` (ratio N:M
 * applied); `spinoff` gives `toSymbol` shares (N per M held) carrying `fraction` of each lot's
 * cost, with the parent lot's acquisition date.
 */
import type { CostMethod, LedgerProblem, RateAt } from './holdings.js';
import { sellProblem } from './position-rules.js';
import { applyRatio, splitFactor } from './split-ratio.js';
import { openBook, takeLots, insertLots, type Book, type OpenLot } from './lot-book.js';
import { DEFAULT_LONG_TERM_MONTHS, holdingDays, termOf, type Term } from './holding-period.js';
import type { Transaction } from './types.js';

export type { Book, OpenLot } from './lot-book.js';

/** A ledger transaction whose type may be one the ledger does not store yet. */
export interface LotTx extends Omit<Transaction, 'type'> {
  type: string;
  toAccount?: string | null;
  toSymbol?: string | null;
  fraction?: number | null;
}

/** One lot (FIFO) or one sale's shares of one term (average cost) realized. */
export interface LotSale {
  txId: number;
  date: string;
  symbol: string;
  account: string;
  currency: string;
  quantity: number;
  proceeds: number;
  proceedsBase: number;
  cost: number;
  costBase: number;
  /** Null under average cost, and for shares sold beyond what the ledger holds. */
  acquired: string | null;
  holdingDays: number | null;
  term: Term;
}

export interface LotOptions {
  method?: CostMethod;
  /** Converts one unit of a currency on a date to the base; NaN when unknown. Default: 1. */
  rateAt?: RateAt;
  longTermMonths?: number;
  /** Sales before this date still consume lots but are not recorded (saves memory on long ledgers). */
  recordFrom?: string;
  /** Books to start from (`exportBooks()` of an earlier replay), to resume it. */
  books?: readonly (readonly [string, readonly Book[]])[];
}

/** The types that move lots: a replay for gains can leave every other row out. */
export const LOT_TYPES = ['buy', 'sell', 'split', 'transfer', 'rename', 'spinoff'] as const;

const EPS = 1e-9;

export class LotEngine {
  readonly sales: LotSale[] = [];
  readonly problems: LedgerProblem[] = [];
  /** account -> symbol -> book */
  private readonly books = new Map<string, Map<string, Book>>();
  private readonly method: CostMethod;
  private readonly rateAt: RateAt;
  private readonly longTerm: number;
  private readonly recordFrom: string;

  constructor(options: LotOptions = {}) {
    this.recordFrom = options.recordFrom ?? '';
    this.method = options.method ?? 'avg';
    this.rateAt = options.rateAt ?? (() => 1);
    this.longTerm = options.longTermMonths ?? DEFAULT_LONG_TERM_MONTHS;
    for (const [account, books] of options.books ?? []) this.books.set(account, new Map(books.map((b) => [b.symbol, b])));
  }

  /** Shares of `symbol` held across every account. */
  held(symbol: string): number {
    let q = 0;
    for (const bySymbol of this.books.values()) q += bySymbol.get(symbol)?.quantity ?? 0;
    return q;
  }

  /** Every open book with shares, by account then symbol. */
  openBooks(): Book[] {
    const out: Book[] = [];
    for (const account of [...this.books.keys()].sort()) {
      const bySymbol = this.books.get(account) as Map<string, Book>;
      for (const symbol of [...bySymbol.keys()].sort()) {
        const b = bySymbol.get(symbol) as Book;
        if (b.quantity > 0) out.push(b);
      }
    }
    return out;
  }

  /** Every book by account, empty ones too (a book fixes its symbol's currency), in the engine's own order. */
  exportBooks(): [string, Book[]][] {
    return [...this.books].map(([account, bySymbol]) => [account, [...bySymbol.values()]]);
  }

  /** Continues from books exported by an engine with the same options (src/core/lot-state.ts). */
  importBooks(books: readonly [string, readonly Book[]][]): void {
    this.books.clear();
    for (const [account, list] of books) this.books.set(account, new Map(list.map((b) => [b.symbol, b])));
  }

  apply(tx: LotTx): void {
    if (!tx.symbol) return;
    switch (tx.type) {
      case 'buy': {
        const q = tx.quantity ?? 0;
        const cost = q * (tx.price ?? 0) + (tx.fee ?? 0);
        const b = this.book(tx.account, tx.symbol, tx.currency);
        insertLots(b, [{ acquired: tx.date, quantity: q, cost, costBase: cost * this.rateAt(tx.currency, tx.date) }]);
        return;
      }
      case 'sell':
        return this.sell(tx);
      case 'split': {
        if (applyRatio(1, tx.ratio) === null) return this.problem(tx, `split ratio "${tx.ratio}" is not N:M`);
        for (const b of this.booksOf(tx.symbol)) {
          b.quantity = applyRatio(b.quantity, tx.ratio) as number;
          for (const lot of b.lots) lot.quantity = applyRatio(lot.quantity, tx.ratio) as number;
        }
        return;
      }
      case 'transfer': {
        if (!tx.toAccount || tx.quantity === null) return; // a cash transfer moves no lots
        const from = this.book(tx.account, tx.symbol, tx.currency);
        const q = Math.min(tx.quantity, from.quantity);
        if (tx.quantity > from.quantity * (1 + EPS) + EPS) this.problem(tx, `transfers ${tx.quantity} ${tx.symbol} from ${tx.account} but only ${from.quantity} are held there`);
        const moved = takeLots(from, q, this.method);
        insertLots(this.book(tx.toAccount, tx.symbol, from.currency), moved);
        return;
      }
      case 'rename': {
        if (!tx.toSymbol) return this.problem(tx, 'rename without a new symbol');
        const f = tx.ratio ? splitFactor(tx.ratio) : 1;
        if (!Number.isFinite(f)) return this.problem(tx, `rename ratio "${tx.ratio}" is not N:M`);
        for (const b of this.booksOf(tx.symbol)) {
          const lots = b.lots.map((l) => ({ ...l, quantity: l.quantity * f }));
          const target = this.book(b.account, tx.toSymbol, b.currency);
          if (this.method === 'avg') carryBookCost(lots, b.cost, b.costBase);
          insertLots(target, lots);
          this.books.get(b.account)?.delete(b.symbol);
        }
        return;
      }
      case 'spinoff': {
        const f = splitFactor(tx.ratio);
        const share = tx.fraction ?? NaN;
        if (!tx.toSymbol || !Number.isFinite(f) || !(share >= 0 && share <= 1)) return this.problem(tx, 'spinoff needs a new symbol, a ratio N:M and a fraction from 0 to 1');
        for (const b of this.booksOf(tx.symbol)) {
          const child = b.lots.map((l) => ({ acquired: l.acquired, quantity: l.quantity * f, cost: l.cost * share, costBase: l.costBase * share }));
          if (this.method === 'avg') carryBookCost(child, b.cost * share, b.costBase * share);
          for (const l of b.lots) {
            l.cost *= 1 - share;
            l.costBase *= 1 - share;
          }
          b.cost *= 1 - share;
          b.costBase *= 1 - share;
          insertLots(this.book(b.account, tx.toSymbol, b.currency), child);
        }
        return;
      }
    }
  }

  private sell(tx: LotTx): void {
    const symbol = tx.symbol as string;
    const total = tx.quantity ?? 0;
    const proceeds = total * (tx.price ?? 0) - (tx.fee ?? 0);
    const fx = this.rateAt(tx.currency, tx.date);
    // A sell takes shares from its own account only (position-rules.ts); shares beyond what it
    // holds there are a ledger problem and realize their proceeds at zero cost.
    const own = this.book(tx.account, symbol, tx.currency);
    const oversold = sellProblem(symbol, tx.account, tx.date, total, own.quantity);
    const q = oversold ? Math.max(0, own.quantity) : total;
    const parts: OpenLot[] = q > 0 ? takeLots(own, q, this.method) : [];
    if (oversold) {
      this.problem(tx, oversold);
      parts.push({ acquired: '', quantity: total - q, cost: 0, costBase: 0 });
    }
    if (tx.date < this.recordFrom) return;
    const emit = (quantity: number, cost: number, costBase: number, acquired: string | null, days: number | null, term: Term) => {
      const p = total > 0 ? (proceeds * quantity) / total : proceeds;
      this.sales.push({ txId: tx.id, date: tx.date, symbol, account: tx.account, currency: own.currency, quantity, proceeds: p, proceedsBase: p * fx, cost, costBase, acquired, holdingDays: days, term });
    };
    if (this.method === 'fifo') {
      for (const l of parts) {
        const dated = l.acquired !== '';
        emit(l.quantity, l.cost, l.costBase, dated ? l.acquired : null, dated ? holdingDays(l.acquired, tx.date) : null, dated ? termOf(l.acquired, tx.date, this.longTerm) : 'short');
      }
      return;
    }
    // Average cost: one row per term; the holding period follows the shares sold oldest first.
    const terms = parts.map((l) => (l.acquired === '' ? 'short' : termOf(l.acquired, tx.date, this.longTerm)));
    for (const term of ['short', 'long'] as const) {
      let q = 0, cost = 0, costBase = 0, dayWeight = 0;
      for (let i = 0; i < parts.length; i++) {
        const l = parts[i] as OpenLot;
        if (terms[i] !== term) continue;
        q += l.quantity;
        cost += l.cost;
        costBase += l.costBase;
        if (l.acquired !== '') dayWeight += l.quantity * holdingDays(l.acquired, tx.date);
      }
      if (q > 0 || (term === 'short' && parts.length === 0)) emit(q, cost, costBase, null, q > 0 ? Math.round(dayWeight / q) : 0, term);
    }
  }

  private book(account: string, symbol: string, currency: string): Book {
    let bySymbol = this.books.get(account);
    if (!bySymbol) this.books.set(account, (bySymbol = new Map()));
    let b = bySymbol.get(symbol);
    if (!b) bySymbol.set(symbol, (b = openBook(account, symbol, currency)));
    return b;
  }

  /** The books of a symbol in account-name order (deterministic). */
  private booksOf(symbol: string): Book[] {
    const out: Book[] = [];
    for (const account of [...this.books.keys()].sort()) {
      const b = this.books.get(account)?.get(symbol);
      if (b) out.push(b);
    }
    return out;
  }

  private problem(tx: LotTx, message: string): void {
    this.problems.push({ txId: tx.id, date: tx.date, symbol: tx.symbol, message });
  }
}

/** Under average cost the book's cost is what moves: spread it over the lots by quantity. */
function carryBookCost(lots: OpenLot[], cost: number, costBase: number): void {
  const q = lots.reduce((a, l) => a + l.quantity, 0);
  for (const l of lots) {
    l.cost = q > 0 ? (cost * l.quantity) / q : 0;
    l.costBase = q > 0 ? (costBase * l.quantity) / q : 0;
  }
}

function byLedgerOrder(a: LotTx, b: LotTx): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;
}

/** Transactions by date, then id; the input itself when it already is (the store's order). */
export function inLedgerOrder<T extends LotTx>(txs: readonly T[]): readonly T[] {
  for (let i = 1; i < txs.length; i++) if (byLedgerOrder(txs[i - 1] as T, txs[i] as T) > 0) return [...txs].sort(byLedgerOrder);
  return txs;
}

/** An array in ledger order (sorted when it is not); any other iterable is trusted to be in it already (a store scan). */
export function ledgerOrdered<T extends LotTx>(txs: Iterable<T>): Iterable<T> {
  return Array.isArray(txs) ? inLedgerOrder(txs as readonly T[]) : txs;
}

/** Replays transactions (ledger order: date, then id) and returns every lot sale. */
export function realizeLots(txs: readonly LotTx[], options: LotOptions = {}): LotEngine {
  const engine = new LotEngine(options);
  for (const tx of inLedgerOrder(txs)) engine.apply(tx);
  return engine;
}

export function saleGain(s: LotSale): number {
  return s.proceeds - s.cost;
}

export function saleGainBase(s: LotSale): number {
  return s.proceedsBase - s.costBase;
}
