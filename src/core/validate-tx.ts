/**
 * Validation of one transaction from text cells, shared by `add` and `import` so both accept and
 * reject exactly the same input. Pure: cells in, a transaction or a list of {column, message} out.
 */
import { excerpt } from '../base/sanitize.js';
import { toMajorUnits, isMinorUnit } from './currency.js';
import { parseIsoDate } from './dates.js';
import { parseDecimal } from './decimal.js';
import { formatRatio, parseRatio } from './split-ratio.js';
import { isTxType, TX_TYPE_RULES, TX_TYPES, type TxColumn } from './tx-types.js';
import type { NewTransaction } from './types.js';
import { checkNewTypeCells } from './validate-new-types.js';

export { parseDecimal } from './decimal.js';
export { parseRatio } from './split-ratio.js';
export { TX_COLUMNS, type TxColumn } from './tx-types.js';
export type TxCells = Partial<Record<TxColumn, string | undefined>>;

export interface CellError {
  column: TxColumn;
  message: string;
}

export type ValidateResult = { ok: true; tx: NewTransaction } | { ok: false; errors: CellError[] };

const SYMBOL = /^[A-Z0-9][A-Z0-9.\-=^_&]{0,31}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** A Yahoo-style symbol in upper case, or null when it cannot be one. */
export function normaliseSymbol(text: string): string | null {
  const s = text.trim().toUpperCase();
  return SYMBOL.test(s) ? s : null;
}

const TYPED: TxColumn[] = ['symbol', 'quantity', 'price', 'amount', 'fee', 'ratio', 'to_account', 'to_symbol', 'fraction'];

/** An input echoed in a message: quoted, cleaned, and cut to a short prefix. */
function q(text: string): string {
  return `"${excerpt(text, 40)}"`;
}

/** A well-formed date outside the years we handle is out of range, not "not a date". */
function dateMessage(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m && parseIsoDate(`2000-${m[2]}-${m[3]}`) !== null && (Number(m[1]) < 1900 || Number(m[1]) > 2200)) {
    return `${q(text)} is out of range (dates from 1900-01-01 to 2200-12-31)`;
  }
  return `${q(text)} is not a valid date (YYYY-MM-DD)`;
}

export function validateTx(cells: TxCells, baseCurrency: string): ValidateResult {
  const errors: CellError[] = [];
  const cell = (c: TxColumn): string => (cells[c] ?? '').trim();

  const dateText = cell('date');
  if (dateText === '') errors.push({ column: 'date', message: 'a date is required (YYYY-MM-DD)' });
  else if (parseIsoDate(dateText) === null) errors.push({ column: 'date', message: dateMessage(dateText) });

  const typeText = cell('type').toLowerCase();
  if (typeText === '') {
    errors.push({ column: 'type', message: `a type is required (${TX_TYPES.join(', ')})` });
    return { ok: false, errors };
  }
  if (!isTxType(typeText)) {
    errors.push({ column: 'type', message: `unknown type ${q(cell('type'))} (expected ${TX_TYPES.join(', ')})` });
    return { ok: false, errors };
  }
  const type = typeText;
  const rule = TX_TYPE_RULES[type] as { need: readonly TxColumn[]; allow: readonly TxColumn[] };
  for (const c of TYPED) {
    const has = cell(c) !== '';
    if (!has && rule.need.includes(c)) errors.push({ column: c, message: `required for a ${type}` });
    // A zero fee on a cash row is harmless (spreadsheets fill zeros), so it is not an error.
    const harmless = c === 'fee' && parseDecimal(cell(c)) === 0;
    if (has && !harmless && !rule.need.includes(c) && !rule.allow.includes(c)) {
      errors.push({ column: c, message: `not used by a ${type}; leave it empty` });
    }
  }

  const num = (c: TxColumn, min: 'positive' | 'nonNegative'): number | null => {
    const text = cell(c);
    if (text === '' || !(rule.need.includes(c) || rule.allow.includes(c))) return null;
    const n = parseDecimal(text);
    if (typeof n === 'string') {
      errors.push({ column: c, message: n });
      return null;
    }
    if (min === 'positive' && n <= 0) errors.push({ column: c, message: `must be greater than 0, got ${text}` });
    if (min === 'nonNegative' && n < 0) errors.push({ column: c, message: `must be 0 or more, got ${text}` });
    return n;
  };
  const quantity = num('quantity', 'positive');
  const price = num('price', 'nonNegative');
  const amount = num('amount', 'positive');
  const fee = num('fee', 'nonNegative');

  let symbol: string | null = null;
  if (cell('symbol') !== '' && (rule.need.includes('symbol') || rule.allow.includes('symbol'))) {
    symbol = cell('symbol').toUpperCase();
    if (!SYMBOL.test(symbol)) errors.push({ column: 'symbol', message: `${q(cell('symbol'))} is not a valid symbol (e.g. AAPL, VOD.L, EURUSD=X)` });
  }

  const extra = checkNewTypeCells(type, cell, (column, message) => errors.push({ column, message }));
  let ratio: string | null = null;
  if ((rule.need.includes('ratio') || rule.allow.includes('ratio')) && cell('ratio') !== '') {
    const r = parseRatio(cell('ratio'));
    if (typeof r === 'string') errors.push({ column: 'ratio', message: r });
    else ratio = formatRatio(r);
  }

  // Minor units (GBp = pence) are stored in the major currency: upper-casing GBp to GBP would
  // silently make every amount 100 times too big.
  const minor = isMinorUnit(cell('currency'));
  const currency = minor ? toMajorUnits(cell('currency')).currency : (cell('currency') || baseCurrency).toUpperCase();
  if (!CURRENCY.test(currency)) errors.push({ column: 'currency', message: `${q(cell('currency'))} is not a three-letter currency code (e.g. USD)` });

  const account = cell('account') || 'default';
  if (account.length > 100) errors.push({ column: 'account', message: 'longer than 100 characters' });
  const noteText = cells.note ?? '';
  if (noteText.length > 1000) errors.push({ column: 'note', message: 'longer than 1000 characters' });

  if (errors.length > 0) return { ok: false, errors };
  const scale = (n: number | null): number | null => (n !== null && minor ? n / toMajorUnits(cell('currency')).divisor : n);
  return {
    ok: true,
    tx: {
      date: dateText,
      type,
      symbol,
      quantity,
      price: scale(price),
      amount: scale(amount),
      fee: scale(fee) ?? 0,
      currency,
      account,
      note: noteText.trim() === '' ? null : noteText,
      ratio: ratio ?? extra.defaultRatio,
      ...extra.fields,
    },
  };
}
