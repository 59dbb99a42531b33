/**
 * Every transaction type and what it means, in one table: the cells it needs and allows, what it
 * does to the shares of its symbol, the cash it moves, and whether it makes its account track cash.
 * A new type is one new row here; validation, replays and reports read the row.
 */

export const TX_COLUMNS = [
  'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'currency', 'account', 'note', 'ratio',
  'to_account', 'to_symbol', 'fraction',
] as const;
export type TxColumn = (typeof TX_COLUMNS)[number];

/** The numeric cells of a transaction, as stored (amounts in the transaction's currency). */
export interface TxAmounts {
  quantity: number | null;
  price: number | null;
  amount: number | null;
  fee: number;
}

export interface TxTypeRule {
  /** Cells that must be filled. */
  need: readonly TxColumn[];
  /** Cells that may be filled besides those needed. */
  allow: readonly TxColumn[];
  /**
   * What it does to the shares of its symbol: add or remove `quantity`, scale by `ratio`, move
   * `quantity` to `to_account` (transfer), become `to_symbol` (rename) or also give `to_symbol`
   * (spinoff), or nothing. The moves are replayed in quantities.ts (counts) and holdings-moves.ts (lots).
   */
  shares: 'add' | 'remove' | 'ratio' | 'transfer' | 'rename' | 'spinoff' | null;
  /**
   * Sign convention: the cash the row moves into (+) or out of (-) its account, in its currency.
   * Buys cost quantity x price plus fee; sells bring quantity x price less fee.
   */
  cash: (t: TxAmounts) => number;
  /** A deposit or withdrawal makes its account one that tracks cash (contract). */
  tracksCash: boolean;
}

const gross = (t: TxAmounts): number => (t.quantity ?? 0) * (t.price ?? 0);
const fee = (t: TxAmounts): number => t.fee ?? 0;
const amount = (t: TxAmounts): number => t.amount ?? 0;

export const TX_TYPE_RULES = {
  buy: { need: ['symbol', 'quantity', 'price'], allow: ['fee'], shares: 'add', cash: (t) => -(gross(t) + fee(t)), tracksCash: false },
  sell: { need: ['symbol', 'quantity', 'price'], allow: ['fee'], shares: 'remove', cash: (t) => gross(t) - fee(t), tracksCash: false },
  dividend: { need: ['symbol', 'amount'], allow: [], shares: null, cash: (t) => amount(t) - fee(t), tracksCash: false },
  interest: { need: ['amount'], allow: ['symbol'], shares: null, cash: (t) => amount(t) - fee(t), tracksCash: false },
  fee: { need: ['amount'], allow: ['symbol'], shares: null, cash: (t) => -(amount(t) + fee(t)), tracksCash: false },
  deposit: { need: ['amount'], allow: [], shares: null, cash: (t) => amount(t) - fee(t), tracksCash: true },
  withdrawal: { need: ['amount'], allow: [], shares: null, cash: (t) => -(amount(t) + fee(t)), tracksCash: true },
  split: { need: ['symbol', 'ratio'], allow: [], shares: 'ratio', cash: (t) => -fee(t), tracksCash: false },
  // Tax withheld or paid (with `symbol` when withheld on its dividend): an expense like a fee.
  tax: { need: ['amount'], allow: ['symbol'], shares: null, cash: (t) => -(amount(t) + fee(t)), tracksCash: false },
  tax_refund: { need: ['amount'], allow: ['symbol'], shares: null, cash: (t) => amount(t) - fee(t), tracksCash: false },
  // Shares (symbol, quantity) or cash (amount) from `account` to `to_account`; a cash transfer makes
  // both accounts track cash (cash-accounts.ts); the cash itself moves in returns/scope-moves.ts.
  transfer: { need: ['to_account'], allow: ['symbol', 'quantity', 'amount'], shares: 'transfer', cash: (t) => -fee(t), tracksCash: false },
  rename: { need: ['symbol', 'to_symbol'], allow: ['ratio'], shares: 'rename', cash: (t) => -fee(t), tracksCash: false },
  spinoff: { need: ['symbol', 'to_symbol', 'ratio', 'fraction'], allow: [], shares: 'spinoff', cash: (t) => -fee(t), tracksCash: false },
} as const satisfies Record<string, TxTypeRule>;

export type TxType = keyof typeof TX_TYPE_RULES;
export const TX_TYPES = Object.keys(TX_TYPE_RULES) as readonly TxType[];

export function isTxType(text: string): text is TxType {
  return Object.hasOwn(TX_TYPE_RULES, text);
}

export function txRule(type: TxType): TxTypeRule {
  return TX_TYPE_RULES[type];
}

/** The cash a transaction moves into (+) or out of (-) its account, in its currency. */
export function cashEffect(tx: TxAmounts & { type: TxType }): number {
  return TX_TYPE_RULES[tx.type].cash(tx);
}

/** Types that change how many shares are held. */
export const SHARE_TYPES = TX_TYPES.filter((t) => TX_TYPE_RULES[t].shares !== null);
