/**
 * Manual daily closes from a CSV (symbol,date,close): the whole file is checked first and then
 * written in one transaction, so any error leaves the price store unchanged.
 */
import { InputError } from '../base/errors.js';
import { parseIsoDate } from '../core/dates.js';
import { normaliseSymbol, parseDecimal } from '../core/validate-tx.js';
import type { Db } from '../store/db.js';
import { setManualCloses } from '../store/prices.js';
import { readCsv } from './csv-reader.js';

export interface ManualClose {
  symbol: string;
  date: string;
  close: number;
}

/** Checks one manual close; returns it or {column: message} errors. */
export function validateClose(symbolText: string, dateText: string, closeText: string): ManualClose | { column: string; message: string }[] {
  const errors: { column: string; message: string }[] = [];
  const symbol = normaliseSymbol(symbolText);
  if (symbol === null) errors.push({ column: 'symbol', message: symbolText.trim() ? `"${symbolText}" is not a valid symbol (e.g. AAPL, VOD.L, EURUSD=X)` : 'a symbol is required' });
  const date = dateText.trim();
  if (parseIsoDate(date) === null) errors.push({ column: 'date', message: date ? `"${date}" is not a valid date (YYYY-MM-DD)` : 'a date is required (YYYY-MM-DD)' });
  const close = parseDecimal(closeText);
  if (typeof close === 'string') errors.push({ column: 'close', message: close });
  else if (close <= 0) errors.push({ column: 'close', message: `must be greater than 0, got ${closeText.trim()}` });
  if (errors.length > 0 || symbol === null || typeof close === 'string') return errors;
  return { symbol, date, close };
}

export async function importPrices(db: Db, path: string, name: string): Promise<{ rows: number; symbols: number }> {
  const rows: ManualClose[] = [];
  const seen = new Map<string, number>();
  const errors: string[] = [];
  let count = 0;
  for await (const row of readCsv(path, { name, columns: ['symbol', 'date', 'close'], required: ['symbol', 'date', 'close'] })) {
    count++;
    if (row.error) {
      errors.push(`${name}:${row.line}: row: ${row.error}`);
      continue;
    }
    const r = validateClose(row.cells.symbol ?? '', row.cells.date ?? '', row.cells.close ?? '');
    if (Array.isArray(r)) {
      for (const e of r) errors.push(`${name}:${row.line}: ${e.column}: ${e.message}`);
      continue;
    }
    const key = `${r.symbol}|${r.date}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(`${name}:${row.line}: date: ${r.symbol} on ${r.date} already given on line ${first}`);
    else seen.set(key, row.line);
    rows.push(r);
  }
  if (count === 0) throw new InputError(`${name}: no prices after the header; nothing was imported`);
  if (errors.length > 0) {
    const shown = errors.length > 1000 ? [...errors.slice(0, 1000), `... and ${errors.length - 1000} more errors`] : errors;
    throw new InputError(`${name}: ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was imported`, shown);
  }
  setManualCloses(db, rows);
  return { rows: rows.length, symbols: new Set(rows.map((r) => r.symbol)).size };
}
