/**
 * Journal entries of tax, tax_refund, transfer, rename and spinoff (see journal.ts for the
 * account layout). Taxes go to expenses:taxes (a refund comes back from it); a transfer moves
 * shares or cash between two assets:portfolio accounts, so it never touches equity:transfers;
 * a rename or spin-off swaps commodities at zero cost, as a split does.
 */
import type { Transaction } from '../core/types.js';

type Fmt = { num: (x: number) => string; commodity: (s: string) => string; accountName: (s: string) => string };

function posting(account: string, amount = ''): string {
  return amount ? `    ${account}  ${amount}\n` : `    ${account}\n`;
}

function factor(ratio: string | null): number {
  const [n, m] = (ratio ?? '1:1').split(':').map(Number);
  return n !== undefined && m !== undefined && n > 0 && m > 0 ? n / m : 1;
}

/** `held(account, symbol)`: shares before this entry. Returns the entry text. */
export function moveEntry(tx: Transaction, head: string, tracksCash: boolean, held: (account: string, symbol: string) => number, f: Fmt): string {
  const acct = (name: string) => `assets:portfolio:${f.accountName(name)}`;
  const cur = tx.currency;
  const amount = tx.amount ?? 0;
  const sym = tx.symbol ?? '';
  switch (tx.type) {
    case 'tax':
    case 'tax_refund': {
      const signed = tx.type === 'tax' ? amount : -amount;
      let out = head + posting(`expenses:taxes${sym ? `:${sym}` : ''}`, `${f.num(signed)} ${cur}`) + posting(`${acct(tx.account)}:cash`);
      if (!tracksCash) out += `\n${head.split('  ;')[0]} (account without cash)\n${posting('equity:transfers', `${f.num(-signed)} ${cur}`)}${posting(`${acct(tx.account)}:cash`)}`;
      return `${out}\n`;
    }
    case 'transfer': {
      const to = tx.toAccount as string;
      if (!sym) return `${head}${posting(`${acct(to)}:cash`, `${f.num(amount)} ${cur}`)}${posting(`${acct(tx.account)}:cash`, `${f.num(-amount)} ${cur}`)}\n`;
      const q = tx.quantity ?? 0;
      return `${head}${posting(`${acct(to)}:${sym}`, `${f.num(q)} ${f.commodity(sym)}`)}${posting(`${acct(tx.account)}:${sym}`, `${f.num(-q)} ${f.commodity(sym)}`)}\n`;
    }
    case 'rename':
    case 'spinoff': {
      const q = held(tx.account, sym);
      const to = tx.toSymbol as string;
      let out = head;
      if (tx.type === 'rename') out += posting(`${acct(tx.account)}:${sym}`, `${f.num(-q)} ${f.commodity(sym)} @@ 0 ${cur}`);
      out += posting(`${acct(tx.account)}:${to}`, `${f.num(q * factor(tx.ratio))} ${f.commodity(to)} @@ 0 ${cur}`);
      if (tx.type === 'spinoff') out += posting('equity:spinoffs', `0 ${cur}`);
      return `${out}\n`;
    }
    default:
      return '';
  }
}

