/**
 * Holdings effects of the transactions that move shares without a trade (contract "Import CSV"):
 * - transfer of shares: the account split changes; nothing is realized;
 * - transfer of cash: returns 'cash' (the caller moves the cash between the two accounts);
 * - rename: the position continues under `toSymbol`, quantities times N/M;
 * - spinoff: holders receive N/M new shares per share held.
 * Lots and their cost move in the lot engine (lots.ts), the one home of cost basis.
 * Pure; called from computeHoldings for these three types only.
 */
import type { LedgerProblem, Position } from './holdings.js';
import type { Transaction } from './types.js';

export interface MoveContext {
  positions: Map<string, Position>;
  position: (tx: Transaction) => Position;
  problems: LedgerProblem[];
}

const EPS = 1e-9;

/** N:M -> N/M; NaN when malformed. */
function ratioFactor(ratio: string | null | undefined): number {
  const [n, m] = (ratio ?? '1:1').split(':').map(Number);
  return n !== undefined && m !== undefined && n > 0 && m > 0 ? n / m : NaN;
}

export function applyMove(tx: Transaction, ctx: MoveContext): 'cash' | 'shares' | 'none' {
  const problem = (message: string): 'none' => {
    ctx.problems.push({ txId: tx.id, date: tx.date, symbol: tx.symbol, message });
    return 'none';
  };
  if (tx.type === 'transfer') {
    if (!tx.symbol) return 'cash';
    const p = ctx.position(tx);
    const q = tx.quantity ?? 0;
    const have = p.accounts.get(tx.account) ?? 0;
    if (q > have * (1 + EPS) + EPS) return problem(`transfers ${q} ${tx.symbol} out of ${tx.account} on ${tx.date} but only ${round(have)} are held there then`);
    const to = tx.toAccount as string;
    const left = have - q;
    p.accounts.set(tx.account, Math.abs(left) <= EPS * Math.max(1, q) ? 0 : left);
    p.accounts.set(to, (p.accounts.get(to) ?? 0) + q);
    return 'shares';
  }
  const f = ratioFactor(tx.ratio);
  if (!Number.isFinite(f)) return problem(`${tx.type} ratio "${tx.ratio}" is not N:M`);
  const from = ctx.positions.get(tx.symbol as string);
  const toSymbol = tx.toSymbol as string;
  if (!from || from.quantity <= 0) return problem(`${tx.type} of ${tx.symbol} on ${tx.date} but none is held then`);
  if (tx.type === 'rename') {
    ctx.positions.delete(from.symbol);
    const into = ctx.positions.get(toSymbol);
    from.symbol = toSymbol;
    from.quantity *= f;
    for (const [a, q] of from.accounts) from.accounts.set(a, q * f);
    if (!into) {
      ctx.positions.set(toSymbol, from);
      return 'shares';
    }
    // Renamed into a symbol already held (a stock-for-stock merger into a holding): merge.
    into.quantity += from.quantity;
    into.realized += from.realized;
    into.realizedBase += from.realizedBase;
    into.dividends += from.dividends;
    into.dividendsBase += from.dividendsBase;
    into.fees += from.fees;
    into.feesBase += from.feesBase;
    into.taxes += from.taxes;
    into.taxesBase += from.taxesBase;
    for (const [a, q] of from.accounts) into.accounts.set(a, (into.accounts.get(a) ?? 0) + q);
    if (from.firstDate < into.firstDate) into.firstDate = from.firstDate;
    return 'shares';
  }
  // spinoff
  const child = ctx.position({ ...tx, symbol: toSymbol, currency: from.currency });
  child.quantity += from.quantity * f;
  for (const [a, q] of from.accounts) child.accounts.set(a, (child.accounts.get(a) ?? 0) + q * f);
  return 'shares';
}

function round(n: number): number {
  return Math.round(n * 1e8) / 1e8;
}
