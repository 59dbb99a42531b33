/** One-line human descriptions of transactions, shared by add, remove and import --dry-run. */
import type { NewTransaction } from '../core/types.js';

function num(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 8 });
}

function money(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 8 });
}

export function describeTx(tx: NewTransaction & { id?: number }): string {
  const parts: string[] = [];
  if (tx.id !== undefined) parts.push(`#${tx.id}`);
  parts.push(tx.date, tx.type);
  switch (tx.type) {
    case 'buy':
    case 'sell':
      parts.push(`${num(tx.quantity ?? 0)} ${tx.symbol} @ ${money(tx.price ?? 0)} ${tx.currency}`);
      if (tx.fee) parts.push(`fee ${money(tx.fee)}`);
      break;
    case 'split':
      parts.push(`${tx.symbol} ${tx.ratio}`);
      break;
    case 'rename':
    case 'spinoff':
      parts.push(`${tx.symbol} -> ${tx.toSymbol} ${tx.ratio}${tx.type === 'spinoff' ? ` (cost share ${num(tx.fraction ?? 0)})` : ''}`);
      break;
    case 'transfer':
      parts.push(tx.symbol ? `${num(tx.quantity ?? 0)} ${tx.symbol}` : `${money(tx.amount ?? 0)} ${tx.currency}`, `to [${tx.toAccount}]`);
      break;
    default:
      if (tx.symbol) parts.push(tx.symbol);
      parts.push(`${money(tx.amount ?? 0)} ${tx.currency}`);
  }
  parts.push(`[${tx.account}]`);
  if (tx.note) parts.push(`"${tx.note}"`);
  return parts.join(' ');
}
