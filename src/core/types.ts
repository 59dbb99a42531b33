/** Domain types shared by the core, the store and the UI. Pure data, no I/O. */

import type { TxType } from './tx-types.js';

// The types and their rules live in one table: tx-types.ts.
export { TX_TYPES, type TxType } from './tx-types.js';

/** One ledger transaction as stored. Amounts are in `currency`. */
export interface Transaction {
  id: number;
  date: string; // YYYY-MM-DD
  type: TxType;
  symbol: string | null;
  quantity: number | null; // buy/sell: shares (> 0)
  price: number | null; // buy/sell: per share in currency (>= 0)
  amount: number | null; // dividend/interest/fee/deposit/withdrawal: > 0 in currency
  fee: number; // >= 0, in currency
  currency: string;
  account: string;
  note: string | null;
  ratio: string | null; // split, rename, spinoff: "N:M"
  /** transfer: the receiving account. */
  toAccount?: string | null;
  /** rename, spinoff: the new symbol. */
  toSymbol?: string | null;
  /** spinoff: share (0..1) of the parent's cost basis that moves to the new shares. */
  fraction?: number | null;
}

export type NewTransaction = Omit<Transaction, 'id'>;

/** A latest quote as cached. */
export interface Quote {
  symbol: string;
  price: number;
  previousClose: number | null;
  currency: string;
  name: string | null;
  marketTime: string | null; // ISO instant of the last trade
  marketState: string | null; // REGULAR, PRE, POST, CLOSED, ...
  exchangeTimezone: string | null;
  fetchedAt: string; // ISO instant
  source: string; // provider name or 'manual'
}

export type FreshnessState = 'fresh' | 'stale' | 'missing';

export interface Freshness {
  state: FreshnessState;
  ageSeconds: number | null;
  /** Why it is not fresh (or why it still counts as fresh), for the user. */
  reason: string | null;
}
