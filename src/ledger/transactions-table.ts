/**
 * The `transactions` listing as lines: rows come from a cursor and the table streams, so the first
 * screen of a 100,000-row ledger is written before the rest is read. Widths are fixed before the
 * first line from one SQL aggregate over every row: text columns from their longest value (capped,
 * so one long note does not widen them all), number columns from their largest magnitude and sign,
 * with as many decimals as the first page shows. A later cell wider still is printed whole.
 */
import { formatQty } from '../base/format.js';
import { tableLines, type Cell } from '../base/text-table.js';
import type { Transaction } from '../core/types.js';
import type { TxTextWidths } from '../store/transactions.js';

/** Rows read before the first line is written: a few screens. */
export const FIRST_PAGE = 200;
/** Text wider than this in a later row overflows its column rather than widening every row. */
const TEXT_CAP = 40;

const HEAD = ['id', 'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'ccy', 'account', 'ratio', 'note'];
const ALIGN = ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left'] as const;
const NUMBERS = ['quantity', 'price', 'amount', 'fee'] as const;

const n = (v: number | null) => (v === null ? '' : formatQty(v));

function cells(t: Transaction): Cell[] {
  return [t.id, t.date, t.type, t.symbol ?? '', n(t.quantity), n(t.price), n(t.amount), t.fee ? n(t.fee) : '', t.currency, t.account, t.ratio ?? '', t.note ?? ''];
}

/** Width of a number column: the largest magnitude's integer part, a sign if any value is negative, the page's decimals. */
function numberWidth(stats: { maxAbs: number | null; min: number | null }, decimals: number): number {
  if (stats.maxAbs === null || !Number.isFinite(stats.maxAbs)) return 0;
  return formatQty(Math.trunc(stats.maxAbs)).length + (decimals > 0 ? decimals + 1 : 0) + (stats.min !== null && stats.min < 0 ? 1 : 0);
}

function decimalsOf(text: Cell): number {
  const s = typeof text === 'string' ? text : '';
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export function* transactionsTable(txs: Iterable<Transaction>, widths?: TxTextWidths): Generator<string> {
  const source = txs[Symbol.iterator]();
  try {
    const page: Cell[][] = [];
    while (page.length < FIRST_PAGE) {
      const next = source.next();
      if (next.done) break;
      page.push(cells(next.value));
    }
    const cap = (w: number) => Math.min(w, TEXT_CAP);
    const numberWidths = NUMBERS.map((c, k) => (widths ? numberWidth(widths.numbers[c], Math.max(0, ...page.map((row) => decimalsOf(row[4 + k])))) : undefined));
    const minWidths = widths && [widths.id, 10, widths.type, cap(widths.symbol), ...numberWidths, cap(widths.currency), cap(widths.account), cap(widths.ratio), cap(widths.note)];
    function* rows(): Generator<Cell[]> {
      yield* page;
      for (let next = source.next(); !next.done; next = source.next()) yield cells(next.value);
    }
    yield* tableLines({ head: HEAD, align: ALIGN }, rows(), { measure: FIRST_PAGE, minWidths });
  } finally {
    source.return?.();
  }
}
