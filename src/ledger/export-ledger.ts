/**
 * Writes every transaction as CSV (the import format, so an export re-imports to the same ledger)
 * or JSON. CSV cells that a spreadsheet would run as formulas are escaped (see csv-cells.ts).
 * Rows stream out in chunks, so a large ledger does not build one giant string.
 */
import { plainNumber, escapeCell } from '../core/csv-cells.js';
import type { Transaction } from '../core/types.js';
import { TX_COLUMNS } from '../core/validate-tx.js';
import type { Db } from '../store/db.js';
import { iterateTransactions } from '../store/transactions.js';

export type ExportFormat = 'csv' | 'json';

const CHUNK = 1000;

function csvCells(tx: Transaction): string[] {
  const n = (v: number | null) => (v === null ? '' : plainNumber(v));
  return [
    tx.date,
    tx.type,
    tx.symbol ?? '',
    n(tx.quantity),
    n(tx.price),
    n(tx.amount),
    tx.type === 'buy' || tx.type === 'sell' ? n(tx.fee) : '',
    tx.currency,
    tx.account,
    tx.note ?? '',
    tx.ratio ?? '',
    tx.toAccount ?? '',
    tx.toSymbol ?? '',
    n(tx.fraction ?? null),
  ].map(escapeCell);
}

/** Streams the ledger in ledger order (date, then id) without holding it all in memory. */
export async function exportLedger(db: Db, format: ExportFormat, write: (text: string) => Promise<void>): Promise<number> {
  const { stringify } = format === 'csv' ? await import('csv-stringify/sync') : { stringify: null };
  let n = 0;
  let chunk: Transaction[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const text = stringify
      ? stringify(chunk.map(csvCells))
      : chunk.map((tx, i) => `${n - chunk.length + i > 0 ? ',\n' : ''}  ${JSON.stringify(tx)}`).join('');
    chunk = [];
    await write(text);
  };
  await write(stringify ? stringify([[...TX_COLUMNS]]) : '[\n');
  // Opened after the first write: a write that throws must not leave the connection busy.
  const rows = iterateTransactions(db);
  try {
    for (const tx of rows) {
      chunk.push(tx);
      n++;
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
  } finally {
    rows.return(undefined);
  }
  if (!stringify) await write(n > 0 ? '\n]\n' : ']\n');
  return n;
}
