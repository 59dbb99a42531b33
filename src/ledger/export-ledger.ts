/**
 * Writes every transaction as CSV (the import format, so an export re-imports to the same ledger)
 * or JSON. CSV cells that a spreadsheet would run as formulas are escaped (see csv-cells.ts).
 * Rows stream out in chunks, so a large ledger does not build one giant string.
 */
import { plainNumber, escapeCell } from '../core/csv-cells.js';
import type { Transaction } from '../core/types.js';
import { TX_COLUMNS } from '../core/validate-tx.js';
import type { Db } from '../store/db.js';
import { listTransactions } from '../store/transactions.js';

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
  ].map(escapeCell);
}

export async function exportLedger(db: Db, format: ExportFormat, write: (text: string) => Promise<void>): Promise<number> {
  const txs = listTransactions(db);
  if (format === 'json') {
    await write(`${JSON.stringify(txs, null, 2)}\n`);
    return txs.length;
  }
  const { stringify } = await import('csv-stringify/sync');
  await write(stringify([[...TX_COLUMNS]]));
  for (let i = 0; i < txs.length; i += CHUNK) {
    await write(stringify(txs.slice(i, i + CHUNK).map(csvCells)));
  }
  return txs.length;
}
