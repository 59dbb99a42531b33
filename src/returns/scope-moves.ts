/**
 * Transfers, renames and spin-offs in a scope's series (see scope.ts). A transfer appears in the
 * source account's list as recorded and in the receiving account's list as its incoming leg
 * (`incomingLeg`). Inside one scope a rename or spin-off only moves value between symbols; a
 * transfer is an external flow of each account (at the shares' close, or the cash amount) but
 * not of the whole portfolio, whose series is the sum of its accounts with these flows left out.
 */
import type { Transaction } from '../core/types.js';

/** The receiving account's copy of a transfer. */
export function incomingLeg(tx: Transaction): Transaction {
  return { ...tx, account: tx.toAccount as string, toAccount: null };
}

export function isIncoming(tx: Transaction): boolean {
  return tx.type === 'transfer' && !tx.toAccount;
}

/** Quantity changes per symbol of one move, with the factor for the fallback trade price. */
export function moveDeltas(tx: Transaction, held: (symbol: string) => number): { symbol: string; delta: number; priceFactor: number }[] {
  const [n, m] = (tx.ratio ?? '1:1').split(':').map(Number);
  const f = n !== undefined && m !== undefined && n > 0 && m > 0 ? n / m : 1;
  const symbol = tx.symbol as string;
  if (tx.type === 'transfer') {
    const q = tx.quantity ?? 0;
    return [{ symbol, delta: isIncoming(tx) ? q : -q, priceFactor: 1 }];
  }
  const q = held(symbol);
  const to = tx.toSymbol as string;
  if (tx.type === 'rename') return [{ symbol, delta: -q, priceFactor: 1 }, { symbol: to, delta: q * f, priceFactor: 1 / f }];
  return [{ symbol: to, delta: q * f, priceFactor: 1 }];
}

/** The cash a cash transfer moves in (+) or out (-) of the account whose list holds `tx`. */
export function transferCash(tx: Transaction): number {
  if (tx.type !== 'transfer' || tx.symbol) return 0;
  return isIncoming(tx) ? (tx.amount ?? 0) : -(tx.amount ?? 0);
}
