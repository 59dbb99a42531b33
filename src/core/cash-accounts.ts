/**
 * Which accounts track cash (contract): an account with at least one transaction of a type that
 * tracks cash (a deposit or a withdrawal, see tx-types.ts), or either side of a cash transfer. Its value is holdings plus cash and its
 * external flows are those deposits and withdrawals; any other account's value is its holdings.
 */
import { TX_TYPE_RULES, type TxType } from './tx-types.js';

export function cashTrackingAccounts(
  txs: Iterable<{ type: TxType; account: string; symbol?: string | null; toAccount?: string | null }>,
): Set<string> {
  const out = new Set<string>();
  for (const t of txs) {
    if (TX_TYPE_RULES[t.type].tracksCash) out.add(t.account);
    // A transfer of cash (no symbol) makes both of its accounts hold cash.
    else if (t.type === 'transfer' && !t.symbol && t.toAccount) out.add(t.account).add(t.toAccount);
  }
  return out;
}

/** Whether this one transaction makes its account track cash. */
export function marksCashAccount(type: TxType): boolean {
  return TX_TYPE_RULES[type].tracksCash;
}
