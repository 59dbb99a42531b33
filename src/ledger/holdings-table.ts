/** Renders a holdings report as a cli-table3 table plus a totals block (plain text, optional colour). */
import type CliTable from 'cli-table3';
import { formatAge, formatMoney, formatPct, formatQty } from '../base/format.js';
import type { HoldingsReport } from './holdings-report.js';

type TableCtor = typeof CliTable;

function signed(v: number | null, color: boolean, text = formatMoney(v)): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const s = v > 0 ? `+${text}` : text;
  if (!color || v === 0) return s;
  return v > 0 ? `\u001b[32m${s}\u001b[39m` : `\u001b[31m${s}\u001b[39m`;
}

export function renderHoldings(report: HoldingsReport, Table: TableCtor, color: boolean): string {
  const t = report.totals;
  const table = new Table({
    head: ['Symbol', 'Quantity', 'Price', 'Age', `Value ${report.baseCurrency}`, 'Cost', 'Avg cost', 'Unrealized', '%', 'Day', 'Weight'],
    style: { head: color ? ['cyan'] : [], border: [] },
    // No rule between rows: a long portfolio stays readable.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const h of report.holdings) {
    const age = h.freshness === 'missing' ? 'none' : `${formatAge(h.ageSeconds)}${h.stale ? ' stale' : ''}`;
    table.push([
      h.symbol,
      formatQty(h.quantity),
      h.price === null ? '—' : `${formatMoney(h.price, h.price < 10 ? 4 : 2)} ${h.priceCurrency}`,
      age,
      formatMoney(h.marketValue),
      formatMoney(h.costBasis),
      h.averageCost === null ? '—' : `${formatMoney(h.averageCost, h.averageCost < 10 ? 4 : 2)} ${h.currency}`,
      signed(h.unrealizedGain, color),
      signed(h.unrealizedGainPct, color, formatPct(h.unrealizedGainPct)),
      signed(h.dayChange, color),
      formatPct(h.weight, 1),
    ]);
  }
  const unrealizedPct = t.unrealizedGainPct;
  // Nothing priced yet (fresh import, no warm): totals of nothing would read as a real 0.00.
  const priced = report.holdings.some((h) => h.marketValue !== null);
  const orDash = (text: string): string => (priced ? text : '—');
  table.push([
    'Total',
    '',
    '',
    '',
    orDash(formatMoney(t.marketValue)),
    formatMoney(t.costBasis),
    '',
    orDash(signed(t.unrealizedGain, color)),
    signed(unrealizedPct, color, formatPct(unrealizedPct)),
    orDash(signed(t.dayChange, color)),
    t.marketValue > 0 ? '100.0%' : '—',
  ]);
  const lines = [
    table.toString(),
    `Cash ${formatMoney(t.cash)}  Total value ${formatMoney(t.totalValue)} ${report.baseCurrency}`,
    `Realized ${signed(t.realizedGain, color)}  Dividends ${formatMoney(t.dividends)}  Interest ${formatMoney(t.interest)}  Fees ${formatMoney(t.fees)}${t.taxes ? `  Taxes ${formatMoney(t.taxes)}` : ''}  (cost method: ${report.costMethod})`,
  ];
  return lines.join('\n');
}
