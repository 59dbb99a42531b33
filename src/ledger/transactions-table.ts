/**
 * The `transactions` listing as lines: rows come from a cursor and the table streams, so the first
 * screen of a 100,000-row ledger is written before the rest is read. Text columns take their widths
 * from a SQL aggregate over every row (capped, so one long note does not widen them all); number
 * columns from the first page. A later, wider cell is printed whole.
 */
import { formatQty } from '../base/format.js';
import { tableLines, type Cell } from '../base/text-table.js';
import type { Transaction } from '../core/types.js';
import type { TxTextWidths } from '../store/transactions.js';

/** Rows that decide the number columns' widths before anything is written: a screen or two. */
export const FIRST_PAGE = 200;
/** Text wider than this in a later row overflows its column rather than widening every row. */
const TEXT_CAP = 40;

const HEAD = ['id', 'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'ccy', 'account', 'ratio', 'note'];
const ALIGN = ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left'] as const;

const n = (v: number | null) => (v === null ? '' : formatQty(v));

function* cells(txs: Iterable<Transaction>): Generator<Cell[]> {
  for (const t of txs) {
    yield [t.id, t.date, t.type, t.symbol ?? '', n(t.quantity), n(t.price), n(t.amount), t.fee ? n(t.fee) : '', t.currency, t.account, t.ratio ?? '', t.note ?? ''];
  }
}

export function transactionsTable(txs: Iterable<Transaction>, widths?: TxTextWidths): Generator<string> {
  const cap = (w: number) => Math.min(w, TEXT_CAP);
  const minWidths = widths && [widths.id, 10, widths.type, cap(widths.symbol), undefined, undefined, undefined, undefined, cap(widths.currency), cap(widths.account), cap(widths.ratio), cap(widths.note)];
  return tableLines({ head: HEAD, align: ALIGN }, cells(txs), { measure: FIRST_PAGE, minWidths });
}
