/**
 * `export --format ledger`: the ledger and the stored closes as an hledger (and Ledger) journal.
 *
 * Accounts: assets:portfolio:ACCOUNT:SYMBOL (shares), assets:portfolio:ACCOUNT:cash,
 * equity:transfers (money from or to outside the portfolio), income:dividends:SYMBOL,
 * income:interest, expenses:fees. Closes become `P` price directives, FX closes too (EURUSD=X
 * gives `P date EUR rate USD`).
 *
 * The contract's two account rules map onto hledger's `roi` like this: an account that tracks cash
 * keeps its cash under assets:portfolio, so only deposits and withdrawals cross equity:transfers.
 * An account that does not track cash buys from and sells to equity:transfers directly, and its
 * dividends, interest and fees pass through its cash account and are swept to or from
 * equity:transfers the same day, so `hledger roi --inv assets:portfolio --pnl 'income|expenses'`
 * sees the same external flows as `portfolio performance`.
 */
import { cashTrackingAccounts } from '../core/cash-accounts.js';
import { parseFxPair } from '../core/currency.js';
import { QuantityReplay } from '../core/quantities.js';
import { applyRatio } from '../core/split-ratio.js';
import { cashEffect } from '../core/tx-types.js';
import type { Transaction } from '../core/types.js';
import type { Db } from '../store/db.js';
import { iterateJournalCloses } from '../store/prices.js';
import { listTransactions } from '../store/transactions.js';
import { moveEntry } from './journal-moves.js';

export type Write = (text: string) => void | Promise<void>;

/** A plain decimal (no exponent), at most 10 decimals, trailing zeros removed. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '0';
  let s = Math.abs(x) < 1e-10 ? '0' : x.toFixed(10);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Commodity symbols with anything but letters must be quoted in hledger: "VOD.L", "BRK-B". */
export function commodity(symbol: string): string {
  return /^[A-Za-z]+$/.test(symbol) ? symbol : `"${symbol.replace(/"/g, '')}"`;
}

function accountName(name: string): string {
  // Two spaces end an account name in a journal, and ':' separates levels.
  return name.replace(/\s+/g, '-').replace(/:/g, '-') || 'default';
}

function description(tx: Transaction): string {
  const what = [tx.type, tx.symbol ?? '', tx.type === 'split' ? (tx.ratio ?? '') : ''].filter(Boolean).join(' ');
  const note = tx.note ? ` | ${tx.note.replace(/[\r\n;]+/g, ' ')}` : '';
  return `${what}${note}  ; id:${tx.id}`;
}

function posting(account: string, amount = ''): string {
  return amount ? `    ${account}  ${amount}\n` : `    ${account}\n`;
}

export function journalEntries(tx: Transaction, tracksCash: boolean, heldBefore: number, heldOf: (account: string, symbol: string) => number = () => heldBefore): string {
  const acct = `assets:portfolio:${accountName(tx.account)}`;
  const cash = `${acct}:cash`;
  const cur = tx.currency;
  const fee = tx.fee ?? 0;
  const head = `${tx.date} ${description(tx)}\n`;
  const feeLine = fee > 0 ? posting('expenses:fees', `${num(fee)} ${cur}`) : '';
  // Where a trade's money comes from or goes to: the account's cash, or outside.
  const counter = tracksCash ? cash : 'equity:transfers';
  const sym = tx.symbol ? commodity(tx.symbol) : '';
  const amount = tx.amount ?? 0;
  let out = '';
  switch (tx.type) {
    case 'buy':
    case 'sell': {
      const q = (tx.type === 'buy' ? 1 : -1) * (tx.quantity ?? 0);
      out = head + posting(`${acct}:${tx.symbol}`, `${num(q)} ${sym} @ ${num(tx.price ?? 0)} ${cur}`) + feeLine + posting(counter);
      return `${out}\n`;
    }
    case 'split': {
      // No split primitive in a journal: swap the old shares for the new ones at zero cost.
      const after = applyRatio(heldBefore, tx.ratio) ?? heldBefore;
      out = head + posting(`${acct}:${tx.symbol}`, `${num(-heldBefore)} ${sym} @@ 0 ${cur}`) + posting(`${acct}:${tx.symbol}`, `${num(after)} ${sym} @@ 0 ${cur}`);
      if (fee > 0) out += feeLine + posting(counter);
      return `${out}\n`;
    }
    case 'deposit':
      return `${head}${posting(cash, `${num(amount)} ${cur}`)}${posting('equity:transfers', `${num(-amount)} ${cur}`)}${feeLine}${fee > 0 ? posting(cash, `${num(-fee)} ${cur}`) : ''}\n`;
    case 'withdrawal':
      return `${head}${posting('equity:transfers', `${num(amount)} ${cur}`)}${posting(cash, `${num(-amount)} ${cur}`)}${feeLine}${fee > 0 ? posting(cash, `${num(-fee)} ${cur}`) : ''}\n`;
    case 'dividend':
    case 'interest':
    case 'fee': {
      const income = tx.type === 'dividend' ? `income:dividends:${tx.symbol ?? 'unknown'}` : 'income:interest';
      if (tx.type === 'fee') out = head + posting('expenses:fees', `${num(amount + fee)} ${cur}`) + posting(cash);
      else out = head + posting(income, `${num(-amount)} ${cur}`) + feeLine + posting(cash);
      if (!tracksCash) {
        // This account does not track cash: the money leaves (or, for a fee, comes from) outside.
        const effect = cashEffect(tx);
        out += `\n${tx.date} ${tx.type} ${tx.symbol ?? ''} ${effect >= 0 ? 'paid out' : 'paid in'} (account without cash)  ; id:${tx.id}\n`;
        out += posting('equity:transfers', `${num(effect)} ${cur}`) + posting(cash);
      }
      return `${out}\n`;
    }
    default:
      return moveEntry(tx, head, tracksCash, heldOf, { num, commodity, accountName });
  }
}

/**
 * Writes the journal: a header, `P` directives for every stored close of a ledger symbol and of
 * every FX pair, then the transactions in ledger order.
 */
export async function writeJournal(db: Db, write: Write, baseCurrency: string): Promise<number> {
  const txs = listTransactions(db);
  await write(`; portfolio journal (hledger / Ledger), base currency ${baseCurrency}\n`);
  await write(`; try: hledger -f FILE bal -V   or   hledger -f FILE roi --inv assets:portfolio --pnl 'income|expenses' --value=then,${baseCurrency}\n\n`);

  const symbols = new Map<string, string>();
  for (const t of txs) if (t.symbol && t.type !== 'dividend' && !symbols.has(t.symbol)) symbols.set(t.symbol, t.currency);
  let chunk: string[] = [];
  for (const [symbol, date, close] of iterateJournalCloses(db, [...symbols.keys()])) {
    const pair = parseFxPair(symbol);
    if (pair) chunk.push(`P ${date} ${pair[0]} ${num(close)} ${pair[1]}\n`);
    else chunk.push(`P ${date} ${commodity(symbol)} ${num(close)} ${symbols.get(symbol) ?? baseCurrency}\n`);
    if (chunk.length >= 5000) {
      await write(chunk.join(''));
      chunk = [];
    }
  }
  chunk.push('\n');
  const tracks = cashTrackingAccounts(txs);
  const held = new QuantityReplay<Transaction>((t) => `${t.account}\u0000${t.symbol ?? ''}`);
  for (const t of txs) {
    const before = held.get(`${t.account}\u0000${t.symbol ?? ''}`);
    chunk.push(journalEntries(t, tracks.has(t.account), before, (a, sym) => held.get(`${a}\u0000${sym}`)));
    held.apply(t);
    if (chunk.length >= 2000) {
      await write(chunk.join(''));
      chunk = [];
    }
  }
  await write(chunk.join(''));
  return txs.length;
}
