/**
 * The lot engine's state and products as text, exactly: a replay continued from decoded state gives
 * the same numbers, bit for bit, as one that never stopped. JSON has no NaN, Infinity or -0 (an
 * amount without an FX rate is NaN): they travel as strings. Pure.
 */
import { decodeNumber, encodeNumber } from '../base/json-number.js';
import type { LedgerProblem } from './holdings.js';
import type { Book, LotSale } from './lots.js';
import type { Transaction, TxType } from './types.js';

/** Bumped when the engine's arithmetic or this encoding changes: older stored states are ignored. */
export const LOT_STATE_RULES = 1;

export interface LotState {
  /** Date of the first row the replay applied, null before any. */
  first: string | null;
  books: [string, Book[]][];
  problems: LedgerProblem[];
  /** FX notes (by currency, in order) the replay's conversions made. */
  fxNotes: [string, string][];
  /** Currencies of the rows replayed (lot and income rows), sorted. */
  currencies: string[];
}

type Cell = number | string | null;

const enc = encodeNumber;
const dec = decodeNumber;

export function encodeState(s: LotState): string {
  const books = s.books.map(([account, list]) => [
    account,
    list.map((b) => {
      const lots: Cell[] = [];
      for (const l of b.lots) lots.push(l.acquired, enc(l.quantity), enc(l.cost), enc(l.costBase));
      return [b.symbol, b.currency, enc(b.quantity), enc(b.cost), enc(b.costBase), lots];
    }),
  ]);
  return JSON.stringify({ rules: LOT_STATE_RULES, first: s.first, books, problems: s.problems, fxNotes: s.fxNotes, currencies: s.currencies });
}

type EncodedBook = [string, string, Cell, Cell, Cell, Cell[]];

/** The state, or null when it was stored under other rules. */
export function decodeState(text: string): LotState | null {
  const raw = JSON.parse(text) as { rules: number; first: string | null; books: [string, EncodedBook[]][]; problems: LedgerProblem[]; fxNotes: [string, string][]; currencies: string[] };
  if (raw.rules !== LOT_STATE_RULES) return null;
  const books: [string, Book[]][] = raw.books.map(([account, list]) => [
    account,
    list.map(([symbol, currency, quantity, cost, costBase, flat]) => {
      const lots = [];
      for (let i = 0; i < flat.length; i += 4) lots.push({ acquired: flat[i] as string, quantity: dec(flat[i + 1]), cost: dec(flat[i + 2]), costBase: dec(flat[i + 3]) });
      return { account, symbol, currency, lots, quantity: dec(quantity), cost: dec(cost), costBase: dec(costBase) };
    }),
  ]);
  return { first: raw.first, books, problems: raw.problems, fxNotes: raw.fxNotes, currencies: raw.currencies };
}

const SALE_CELLS = 13;

export function encodeSales(sales: readonly LotSale[]): string {
  const out: Cell[] = [];
  for (const s of sales) {
    out.push(s.txId, s.date, s.symbol, s.account, s.currency, enc(s.quantity), enc(s.proceeds), enc(s.proceedsBase), enc(s.cost), enc(s.costBase), s.acquired);
    out.push(s.holdingDays === null ? null : enc(s.holdingDays), s.term === 'long' ? 1 : 0);
  }
  return JSON.stringify(out);
}

/** Appends the encoded sales dated `from` or later to `into`, in their order. */
export function decodeSales(text: string, into: LotSale[], from = ''): void {
  const c = JSON.parse(text) as Cell[];
  for (let i = 0; i < c.length; i += SALE_CELLS) {
    const date = c[i + 1] as string;
    if (date < from) continue;
    into.push({
      txId: c[i] as number,
      date,
      symbol: c[i + 2] as string,
      account: c[i + 3] as string,
      currency: c[i + 4] as string,
      quantity: dec(c[i + 5]),
      proceeds: dec(c[i + 6]),
      proceedsBase: dec(c[i + 7]),
      cost: dec(c[i + 8]),
      costBase: dec(c[i + 9]),
      acquired: c[i + 10] as string | null,
      holdingDays: c[i + 11] === null ? null : dec(c[i + 11]),
      term: c[i + 12] === 1 ? 'long' : 'short',
    });
  }
}

/** A row `income` counts (dividend, interest, tax, tax_refund; split and rename rescale its history), with the shares held at a dividend. */
export interface IncomeRow {
  tx: Transaction;
  held: number | null;
}

const INCOME_CELLS = 10;

export function encodeIncomeRows(rows: readonly IncomeRow[]): string {
  const out: Cell[] = [];
  for (const { tx, held } of rows) {
    out.push(tx.id, tx.date, tx.type, tx.symbol, tx.amount === null ? null : enc(tx.amount), enc(tx.fee), tx.currency, tx.ratio, tx.toSymbol ?? null);
    out.push(held === null ? null : enc(held));
  }
  return JSON.stringify(out);
}

/**
 * Appends the rows to `into` (fields income does not read are null or empty: the lot engine never
 * sees these rows again) and each dividend's shares held to `held`.
 */
export function decodeIncomeRows(text: string, into: Transaction[], held: Map<number, number>): void {
  const c = JSON.parse(text) as Cell[];
  for (let i = 0; i < c.length; i += INCOME_CELLS) {
    const id = c[i] as number;
    into.push({
      id,
      date: c[i + 1] as string,
      type: c[i + 2] as TxType,
      symbol: c[i + 3] as string | null,
      quantity: null,
      price: null,
      amount: c[i + 4] === null ? null : dec(c[i + 4]),
      fee: dec(c[i + 5]),
      currency: c[i + 6] as string,
      account: '',
      note: null,
      ratio: c[i + 7] as string | null,
      toAccount: null,
      toSymbol: c[i + 8] as string | null,
      fraction: null,
    });
    if (c[i + 9] !== null) held.set(id, dec(c[i + 9]));
  }
}
