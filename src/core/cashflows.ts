/**
 * Money in and out per month, quarter or year (contract `cashflows`). Amounts are positive
 * magnitudes in the base currency. `net` is the external money in less the external money out:
 * deposits less withdrawals for an account that tracks cash; for one that does not, buys (cost +
 * fee) and fees in, sells (proceeds - fee), dividends and interest out.
 * `buys` and `sells` are gross trade values (quantity x price); trade fees are counted in `fees`.
 */
import { cashEffect } from './tx-types.js';
import type { Transaction } from './types.js';

export const CASHFLOW_BY = ['month', 'quarter', 'year'] as const;
export type CashflowBy = (typeof CASHFLOW_BY)[number];

/** The period a `--by` value names, or null when it names none. */
export function cashflowBy(value: string): CashflowBy | null {
  return (CASHFLOW_BY as readonly string[]).includes(value) ? (value as CashflowBy) : null;
}

export interface CashflowRow {
  period: string;
  deposits: number;
  withdrawals: number;
  dividends: number;
  interest: number;
  fees: number;
  /** Tax paid less tax refunded. */
  taxes: number;
  buys: number;
  sells: number;
  net: number;
}

export function periodKey(date: string, by: CashflowBy): string {
  if (by === 'year') return date.slice(0, 4);
  if (by === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function emptyRow(period: string): CashflowRow {
  return { period, deposits: 0, withdrawals: 0, dividends: 0, interest: 0, fees: 0, taxes: 0, buys: 0, sells: 0, net: 0 };
}

/**
 * @param rate converts one unit of `currency` on `date` to the base currency (NaN when unknown:
 *             such a transaction is left out and reported through `onMissing`).
 */
export function cashflowRows(
  txs: readonly Transaction[],
  by: CashflowBy,
  tracksCash: (account: string) => boolean,
  rate: (currency: string, date: string) => number,
  onMissing: (tx: Transaction) => void = () => undefined,
): { rows: CashflowRow[]; totals: CashflowRow } {
  const rows = new Map<string, CashflowRow>();
  const totals = emptyRow('total');
  for (const tx of txs) {
    const fx = rate(tx.currency, tx.date);
    if (!Number.isFinite(fx)) {
      onMissing(tx);
      continue;
    }
    const key = periodKey(tx.date, by);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key)));
    const amount = (tx.amount ?? 0) * fx;
    const gross = (tx.quantity ?? 0) * (tx.price ?? 0) * fx;
    const fee = (tx.fee ?? 0) * fx;
    const d = emptyRow(key);
    switch (tx.type) {
      case 'deposit':
        d.deposits = amount;
        break;
      case 'withdrawal':
        d.withdrawals = amount;
        break;
      case 'dividend':
        d.dividends = amount;
        break;
      case 'interest':
        d.interest = amount;
        break;
      case 'fee':
        d.fees = amount;
        break;
      case 'buy':
        d.buys = gross;
        break;
      case 'sell':
        d.sells = gross;
        break;
      case 'tax':
        d.taxes = amount;
        break;
      case 'tax_refund':
        d.taxes = -amount;
        break;
      default:
        // split, transfer, rename, spinoff: no money crosses the portfolio's edge.
        break;
    }
    d.fees += fee;
    if (tracksCash(tx.account)) d.net = d.deposits - d.withdrawals;
    else {
      // The cash this transaction moves into the account leaves the portfolio, and vice versa.
      const cashIn = cashEffect(tx);
      const moves = tx.type === 'split' || tx.type === 'transfer' || tx.type === 'rename' || tx.type === 'spinoff';
      d.net = moves ? fee : tx.type === 'tax' || tx.type === 'tax_refund' ? d.taxes + fee : -cashIn;
    }
    for (const target of [row, totals]) {
      target.deposits += d.deposits;
      target.withdrawals += d.withdrawals;
      target.dividends += d.dividends;
      target.interest += d.interest;
      target.fees += d.fees;
      target.taxes += d.taxes;
      target.buys += d.buys;
      target.sells += d.sells;
      target.net += d.net;
    }
  }
  return { rows: [...rows.values()].sort((a, b) => a.period.localeCompare(b.period)), totals };
}
