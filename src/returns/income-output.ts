/** `income` as tables: per period, per symbol, and the coming payments. */
import { formatMoney, formatPct, formatQty } from '../base/format.js';
import { BoxTable } from '../base/text-table.js';
import type { IncomeReport } from './income-report.js';


export function incomeTables(r: IncomeReport): string {
  if (r.rows.length === 0 && r.forward12m.payments.length === 0) return 'no dividends or interest recorded yet';
  const right = (n: number) => Array.from({ length: n }, () => 'right' as const);
  const periods = new BoxTable({ head: ['Period', 'Dividends', 'Interest', 'Tax withheld', 'Fees', 'Net'], colAligns: ['left', ...right(5)] });
  for (const row of [...r.rows, { ...r.totals, period: 'Total' }]) {
    periods.push([row.period, ...[row.dividends, row.interest, row.taxWithheld, row.fees, row.net].map((v) => formatMoney(v))]);
  }
  const out = [periods.toString()];
  const t = r.trailing12mDetail;
  out.push(`Trailing 12 months: net ${formatMoney(r.trailing12m)} (dividends ${formatMoney(t.dividends)}, interest ${formatMoney(t.interest)}, tax withheld ${formatMoney(t.taxWithheld)}).`);
  if (r.symbols.length > 0) {
    const sym = new BoxTable({
      head: ['Symbol', 'Shares', 'Dividends', 'Tax', 'Net', 'Every', 'Last/share', 'Yield on cost', 'Current yield', 'Next 12m'],
      colAligns: ['left', ...right(9)],
    });
    for (const s of r.symbols) {
      sym.push([s.symbol, formatQty(s.shares), formatMoney(s.dividends), formatMoney(s.taxWithheld), formatMoney(s.net), s.frequency ?? '—', s.lastPerShare === null ? '—' : `${formatMoney(s.lastPerShare, 4)} ${s.currency}`, formatPct(s.yieldOnCost), formatPct(s.currentYield), formatMoney(s.forward12m)]);
    }
    out.push(sym.toString());
  }
  out.push(`Next 12 months (estimate): ${formatMoney(r.forward12m.total)}`);
  out.push(r.forward12m.months.map((m) => `${m.month} ${formatMoney(m.amount)}`).join('  '));
  const next = r.forward12m.payments.slice(0, 5);
  if (next.length > 0) out.push(`Next payments: ${next.map((p) => `${p.date} ${p.symbol} ${formatMoney(p.amount)}`).join(', ')}`);
  out.push(`Amounts in ${r.baseCurrency}.`);
  return out.join('\n');
}
