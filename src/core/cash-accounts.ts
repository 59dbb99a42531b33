/**
 * Which accounts track cash (contract): an account with at least one transaction of a type that
 * tracks cash (a deposit or a withdrawal, see tx-types.ts). Its value is holdings plus cash and its
 * external flows are those deposits and withdrawals; any other account's value is its holdings.
 */
import { TX_TYPE_RULES, type TxType } from './tx-types.js';

export function cashTrackingAccounts(txs: Iterable<{ type: TxType; account: string }>): Set<string> {
  const out = new Set<string>();
  for (const t of txs) if (TX_TYPE_RULES[t.type].tracksCash) out.add(t.account);
  return out;
}

/** Whether this one transaction makes its account track cash. */
export function marksCashAccount(type: TxType): boolean {
  return TX_TYPE_RULES[type].tracksCash;
}
