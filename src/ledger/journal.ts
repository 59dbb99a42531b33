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
import type { Transaction } from '../core/types.js';
import type { Db } from '../store/db.js';
import { listTransactions } from '../store/transactions.js';
import { applyMoveToHeld, moveEntry } from './journal-moves.js';

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
      const after = heldBefore * splitRatio(tx.ratio);
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
        const effect = tx.type === 'fee' ? -(amount + fee) : amount - fee;
        out += `\n${tx.date} ${tx.type} ${tx.symbol ?? ''} ${effect >= 0 ? 'paid out' : 'paid in'} (account without cash)  ; id:${tx.id}\n`;
        out += posting('equity:transfers', `${num(effect)} ${cur}`) + posting(cash);
      }
      return `${out}\n`;
    }
    default:
      return moveEntry(tx, head, tracksCash, heldOf, { num, commodity, accountName });
  }
}

function splitRatio(ratio: string | null): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[:/]\s*(\d+(?:\.\d+)?)\s*$/.exec(ratio ?? '');
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : 1;
}

/** FX pair `EURUSD=X` -> [EUR, USD]. */
function fxPair(symbol: string): [string, string] | null {
  const m = /^([A-Z]{3})([A-Z]{3})=X$/.exec(symbol);
  return m ? [m[1] as string, m[2] as string] : null;
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
  const stmt = db
    .prepare(
      `SELECT symbol, date, COALESCE(manual_close, close) AS c FROM daily_closes
       WHERE COALESCE(manual_close, close) IS NOT NULL AND (symbol IN (SELECT value FROM json_each(?)) OR symbol LIKE '%=X')
       ORDER BY symbol, date`,
    )
    .raw(true);
  let chunk: string[] = [];
  for (const [symbol, date, close] of stmt.iterate(JSON.stringify([...symbols.keys()])) as IterableIterator<[string, string, number]>) {
    const pair = fxPair(symbol);
    if (pair) chunk.push(`P ${date} ${pair[0]} ${num(close)} ${pair[1]}\n`);
    else chunk.push(`P ${date} ${commodity(symbol)} ${num(close)} ${symbols.get(symbol) ?? baseCurrency}\n`);
    if (chunk.length >= 5000) {
      await write(chunk.join(''));
      chunk = [];
    }
  }
  chunk.push('\n');
  const tracks = new Set(txs.filter((t) => t.type === 'deposit' || t.type === 'withdrawal').map((t) => t.account));
  for (const t of txs) if (t.type === 'transfer' && !t.symbol && t.toAccount) tracks.add(t.account).add(t.toAccount);
  const held = new Map<string, number>();
  for (const t of txs) {
    const key = `${t.account}\u0000${t.symbol ?? ''}`;
    const before = held.get(key) ?? 0;
    chunk.push(journalEntries(t, tracks.has(t.account), before, (a, sym) => held.get(`${a}\u0000${sym}`) ?? 0));
    applyMoveToHeld(t, held);
    if (t.type === 'buy') held.set(key, before + (t.quantity ?? 0));
    else if (t.type === 'sell') held.set(key, before - (t.quantity ?? 0));
    else if (t.type === 'split') held.set(key, before * splitRatio(t.ratio));
    if (chunk.length >= 2000) {
      await write(chunk.join(''));
      chunk = [];
    }
  }
  await write(chunk.join(''));
  return txs.length;
}
