/** `gains` as CSV (one row per lot consumed, for a spreadsheet or tax software) and as tables. */
import { stringify } from 'csv-stringify/sync';
import { BoxTable } from '../base/text-table.js';
import { escapeCell, plainNumber } from '../core/csv-cells.js';
import { formatMoney, formatQty } from '../base/format.js';
import type { GainsReport, GainsRow, GainsTotals } from './gains-report.js';

export const GAINS_CSV_COLUMNS = ['date_acquired', 'date_sold', 'symbol', 'account', 'quantity', 'term', 'holding_days', 'currency', 'proceeds', 'cost_basis', 'gain'] as const;

const cents = (n: number): string => (Number.isFinite(n) ? (Math.round(n * 100) / 100).toFixed(2) : '');

function amounts(r: GainsRow, native: boolean): [number, number, number] {
  return native ? [r.proceedsNative, r.costBasisNative, r.gainNative] : [r.proceeds, r.costBasis, r.gain];
}

/**
 * Amounts rounded to cents; `date_acquired` is VARIOUS under average cost (Form 8949's word for
 * shares of several lots) and UNKNOWN for shares sold beyond what the ledger holds.
 */
export function gainsCsv(report: GainsReport, native: boolean): string {
  const rows = report.rows.map((r) => {
    const [p, c, g] = amounts(r, native);
    const acquired = r.acquired ?? (report.costMethod === 'avg' ? 'VARIOUS' : 'UNKNOWN');
    return [acquired, r.date, r.symbol, r.account, plainNumber(r.quantity), r.term, r.holdingDays === null ? '' : String(r.holdingDays), native ? r.currency : report.baseCurrency, cents(p), cents(c), cents(g)].map(escapeCell);
  });
  return stringify([[...GAINS_CSV_COLUMNS], ...rows]);
}


export function gainsTables(report: GainsReport, native: boolean): string {
  if (report.rows.length === 0) return `no sales between ${report.from ?? 'the start'} and ${report.to}`;
  const rows = new BoxTable({
    head: ['Sold', 'Symbol', 'Account', 'Quantity', 'Acquired', 'Days', 'Term', 'Proceeds', 'Cost', 'Gain'],
    colAligns: ['left', 'left', 'left', 'right', 'left', 'right', 'left', 'right', 'right', 'right'],
  });
  for (const r of report.rows) {
    const [p, c, g] = amounts(r, native);
    rows.push([r.date, r.symbol, r.account, formatQty(r.quantity), r.acquired ?? (report.costMethod === 'avg' ? 'various' : '?'), r.holdingDays ?? '', r.term, ...[p, c, g].map((x) => `${formatMoney(x)}${native ? ` ${r.currency}` : ''}`)]);
  }
  const out = [rows.toString()];
  const totalsTable = (title: string, list: ({ label: string } & GainsTotals)[]) => {
    const t = new BoxTable({ head: [title, 'Proceeds', 'Cost', 'Gain', 'Short term', 'Long term'], colAligns: ['left', 'right', 'right', 'right', 'right', 'right'] });
    for (const x of list) t.push([x.label, ...[x.proceeds, x.costBasis, x.gain, x.shortTerm, x.longTerm].map((v) => formatMoney(v))]);
    return t.toString();
  };
  out.push(totalsTable(report.groups.by === 'symbol' ? 'Symbol' : 'Account', report.groups.rows.map((g) => ({ label: g.key, ...g }))));
  out.push(totalsTable('Year', [...report.byYear.map((y) => ({ label: y.year, ...y })), { label: 'Total', ...report.totals }]));
  out.push(`Cost method ${report.costMethod}; totals in ${report.baseCurrency}, each leg at its own date's FX${native ? '; rows in each security\'s currency' : ''}.`);
  return out.join('\n');
}
