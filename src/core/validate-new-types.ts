/**
 * Cross-cell checks of the transaction types that statements of other tools need: tax, tax_refund,
 * transfer, rename and spinoff (contract "Import CSV"). Used by validate-tx.ts only.
 */
import type { NewTransaction, TxType } from './types.js';
import type { TxColumn } from './tx-types.js';

const SYMBOL = /^[A-Z0-9][A-Z0-9.\-=^_&]{0,31}$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export interface NewTypeFields {
  fields: Pick<NewTransaction, 'toAccount' | 'toSymbol' | 'fraction'>;
  defaultRatio: string | null;
}

/** Checks the cells only the new types use; reports through `fail`. */
export function checkNewTypeCells(type: TxType, cell: (c: TxColumn) => string, fail: (c: TxColumn, message: string) => void): NewTypeFields {
  const out: NewTypeFields = { fields: {}, defaultRatio: null };
  if (type === 'transfer') {
    const to = cell('to_account');
    if (to.length > 100) fail('to_account', 'longer than 100 characters');
    if (to !== '' && to === (cell('account') || 'default')) fail('to_account', `is the same account as the source ("${to}")`);
    const shares = cell('symbol') !== '' || cell('quantity') !== '';
    const money = cell('amount') !== '';
    if (shares && money) fail('amount', 'a transfer moves either shares (symbol and quantity) or cash (amount), not both');
    else if (!shares && !money) fail('amount', 'a transfer needs symbol and quantity (shares) or amount (cash)');
    else if (shares && cell('symbol') === '') fail('symbol', 'required for a transfer of shares');
    else if (shares && cell('quantity') === '') fail('quantity', 'required for a transfer of shares');
    if (to !== '') out.fields.toAccount = to;
  }
  if (type === 'rename' || type === 'spinoff') {
    const to = cell('to_symbol').toUpperCase();
    if (to !== '' && !SYMBOL.test(to)) fail('to_symbol', `"${cell('to_symbol')}" is not a valid symbol (e.g. META)`);
    else if (to !== '' && to === cell('symbol').toUpperCase()) fail('to_symbol', 'is the same symbol as the old one');
    if (to !== '') out.fields.toSymbol = to;
    if (type === 'rename') out.defaultRatio = '1:1';
  }
  if (type === 'spinoff') {
    const text = cell('fraction');
    if (text !== '') {
      const n = DECIMAL.test(text) ? Number(text) : NaN;
      if (!(n >= 0 && n <= 1)) fail('fraction', `"${text}" is not a number from 0 to 1 (the share of the cost basis the new shares take)`);
      else out.fields.fraction = n;
    }
  }
  return out;
}
