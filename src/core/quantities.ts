/**
 * The one quantity replay: how many shares are held after each transaction. Buys add, sells
 * remove, splits scale (split-ratio.ts); the type table (tx-types.ts) says which does what.
 * Holdings, returns, the journal, import checks and the refresh jobs all step through here.
 */
import { applyRatio } from './split-ratio.js';
import { TX_TYPE_RULES, type TxType } from './tx-types.js';

export interface ShareMove {
  type: TxType;
  symbol: string | null;
  quantity: number | null;
  ratio: string | null;
  /** rename, spinoff: the symbol that receives shares. */
  toSymbol?: string | null;
  /** transfer: the account that receives the shares. */
  toAccount?: string | null;
  account?: string;
}

/** Below this many shares a position is sold out (float dust from fractional shares). */
export const DUST = 1e-9;

/**
 * Shares held after `tx` given `held` before it. A split whose ratio is not N:M leaves the quantity
 * unchanged (the holdings report names it as a problem).
 */
export function nextQuantity(held: number, tx: ShareMove): number {
  switch (TX_TYPE_RULES[tx.type].shares) {
    case 'add':
      return held + (tx.quantity ?? 0);
    case 'remove':
      return held - (tx.quantity ?? 0);
    case 'ratio':
      return applyRatio(held, tx.ratio) ?? held;
    default:
      return held;
  }
}

/** Whether `tx` changes the shares of its symbol. */
export function movesShares(tx: { type: TxType; symbol: string | null }): boolean {
  return tx.symbol !== null && TX_TYPE_RULES[tx.type].shares !== null;
}

/**
 * Replays quantities per key (the symbol by default; `(tx) => account + symbol` for per-account).
 * Feed transactions in ledger order (date, then id).
 */
export class QuantityReplay<T extends ShareMove = ShareMove> {
  readonly held = new Map<string, number>();
  constructor(private readonly keyOf: (tx: T) => string = (tx) => tx.symbol as string) {}

  /** Applies `tx`; returns the quantity before and after it (equal when it moves no shares). */
  apply(tx: T): { before: number; after: number } {
    if (tx.symbol === null) return { before: 0, after: 0 };
    const key = this.keyOf(tx);
    const before = this.held.get(key) ?? 0;
    if (!movesShares(tx)) return { before, after: before };
    const kind = TX_TYPE_RULES[tx.type].shares;
    if (kind === 'transfer' || kind === 'rename' || kind === 'spinoff') return this.move(tx, key, before, kind);
    const after = nextQuantity(before, tx);
    this.held.set(key, after);
    return { before, after };
  }

  /**
   * Shares that go elsewhere: a transfer moves `quantity` to the same symbol in `toAccount` (a no-op
   * when the key does not tell accounts apart); a rename moves the whole holding to `toSymbol` times
   * the ratio; a spin-off adds ratio x holding of `toSymbol` and keeps the parent.
   */
  private move(tx: T, key: string, before: number, kind: 'transfer' | 'rename' | 'spinoff'): { before: number; after: number } {
    const target =
      kind === 'transfer'
        ? tx.toAccount ? this.keyOf({ ...tx, account: tx.toAccount }) : key
        : tx.toSymbol ? this.keyOf({ ...tx, symbol: tx.toSymbol }) : key;
    if (target === key) return { before, after: before };
    const moved = kind === 'transfer' ? (tx.quantity ?? 0) : (applyRatio(before, tx.ratio ?? '1:1') ?? before);
    this.held.set(target, (this.held.get(target) ?? 0) + moved);
    const after = kind === 'spinoff' ? before : kind === 'rename' ? 0 : before - moved;
    this.held.set(key, after);
    return { before, after };
  }

  get(key: string): number {
    return this.held.get(key) ?? 0;
  }

  /** Keys with more than dust held. */
  open(): string[] {
    return [...this.held].filter(([, q]) => q > DUST).map(([k]) => k);
  }
}

/** Quantities per symbol after all of `txs` (in ledger order). */
export function replayQuantities(txs: Iterable<ShareMove>): QuantityReplay {
  const r = new QuantityReplay();
  for (const tx of txs) r.apply(tx);
  return r;
}
