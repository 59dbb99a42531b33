/**
 * Validation of one transaction from text cells, shared by `add` and `import` so both accept and
 * reject exactly the same input. Pure: cells in, a transaction or a list of {column, message} out.
 */
import { excerpt } from '../base/sanitize.js';
import { parseIsoDate } from './dates.js';

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
import { TX_TYPES, type NewTransaction, type TxType } from './types.js';
import { NEW_TYPE_RULES, checkNewTypeCells } from './validate-new-types.js';

export const TX_COLUMNS = [
  'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'currency', 'account', 'note', 'ratio',
  'to_account', 'to_symbol', 'fraction',
] as const;
export type TxColumn = (typeof TX_COLUMNS)[number];
export type TxCells = Partial<Record<TxColumn, string | undefined>>;

export interface CellError {
  column: TxColumn;
  message: string;
}

export type ValidateResult = { ok: true; tx: NewTransaction } | { ok: false; errors: CellError[] };

// Plain decimals only: no exponents (1e309), no NaN/Infinity, no thousands or decimal commas (1,5).
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const SYMBOL = /^[A-Z0-9][A-Z0-9.\-=^_&]{0,31}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MINOR_UNITS: Record<string, string> = { GBp: 'GBP', GBX: 'GBP', ZAc: 'ZAR', ZAC: 'ZAR', ILA: 'ILS' };
const RATIO = /^\s*([^:]+):([^:]+)\s*$/;

/** Strict number parsing: a plain decimal that is finite, or an error message. */
export function parseDecimal(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'a number is required';
  if (!DECIMAL.test(t)) return `${q(text)} is not a plain decimal number (use digits and a dot, e.g. 12.5)`;
  const n = Number(t);
  if (!Number.isFinite(n)) return `${q(text)} is out of range`;
  return n;
}

/** A Yahoo-style symbol in upper case, or null when it cannot be one. */
export function normaliseSymbol(text: string): string | null {
  const s = text.trim().toUpperCase();
  return SYMBOL.test(s) ? s : null;
}

/** `N:M` with positive plain decimals; returns [N, M] or an error message. */
export function parseRatio(text: string): [number, number] | string {
  const m = RATIO.exec(text);
  if (!m) return `${q(text)} is not a ratio N:M (e.g. 4:1 for four new shares per old share)`;
  const n = parseDecimal(m[1] ?? '');
  const d = parseDecimal(m[2] ?? '');
  if (typeof n === 'string' || typeof d === 'string' || n <= 0 || d <= 0) {
    return `${q(text)} is not a ratio N:M of two positive numbers`;
  }
  return [n, d];
}

/** Which cells each type needs, and which it must leave empty. */
const RULES: Record<TxType, { need: TxColumn[]; allow: TxColumn[] }> = {
  buy: { need: ['symbol', 'quantity', 'price'], allow: ['fee'] },
  sell: { need: ['symbol', 'quantity', 'price'], allow: ['fee'] },
  dividend: { need: ['symbol', 'amount'], allow: [] },
  interest: { need: ['amount'], allow: ['symbol'] },
  fee: { need: ['amount'], allow: ['symbol'] },
  deposit: { need: ['amount'], allow: [] },
  withdrawal: { need: ['amount'], allow: [] },
  split: { need: ['symbol', 'ratio'], allow: [] },
  ...NEW_TYPE_RULES,
};
const TYPED: TxColumn[] = ['symbol', 'quantity', 'price', 'amount', 'fee', 'ratio', 'to_account', 'to_symbol', 'fraction'];

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
  if (!(TX_TYPES as readonly string[]).includes(typeText)) {
    errors.push({ column: 'type', message: `unknown type ${q(cell('type'))} (expected ${TX_TYPES.join(', ')})` });
    return { ok: false, errors };
  }
  const type = typeText as TxType;
  const rule = RULES[type];
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
  if ((type === 'split' || type === 'rename' || type === 'spinoff') && cell('ratio') !== '') {
    const r = parseRatio(cell('ratio'));
    if (typeof r === 'string') errors.push({ column: 'ratio', message: r });
    else ratio = `${r[0]}:${r[1]}`;
  }

  // Minor units (GBp = pence) are stored in the major currency: upper-casing GBp to GBP would
  // silently make every amount 100 times too big.
  const minor = MINOR_UNITS[cell('currency')];
  const currency = minor ?? (cell('currency') || baseCurrency).toUpperCase();
  if (!CURRENCY.test(currency)) errors.push({ column: 'currency', message: `${q(cell('currency'))} is not a three-letter currency code (e.g. USD)` });

  const account = cell('account') || 'default';
  if (account.length > 100) errors.push({ column: 'account', message: 'longer than 100 characters' });
  const noteText = cells.note ?? '';
  if (noteText.length > 1000) errors.push({ column: 'note', message: 'longer than 1000 characters' });

  if (errors.length > 0) return { ok: false, errors };
  const scale = (n: number | null): number | null => (n !== null && minor ? n / 100 : n);
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
      ratio: ratio ?? (type === 'rename' || type === 'spinoff' ? extra.defaultRatio : null),
      ...extra.fields,
    },
  };
}
