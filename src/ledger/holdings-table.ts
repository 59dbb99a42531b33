/** Renders a holdings report as a table plus a totals block (plain text, optional colour), linear in rows. */
import { formatAge, formatMoney, formatPct, formatQty } from '../base/format.js';
import { sanitize } from '../base/sanitize.js';
import { tableLines, type Cell } from '../base/text-table.js';
import type { HoldingsReport } from './holdings-report.js';

function signed(v: number | null, _color: boolean, text = formatMoney(v)): Cell {
  if (v === null || !Number.isFinite(v)) return '—';
  const s = v > 0 ? `+${text}` : text;
  if (v === 0) return s;
  return { text: s, style: v > 0 ? 'green' : 'red' };
}

function plain(c: Cell): string {
  return typeof c === 'object' && c !== null ? c.text : String(c ?? '');
}

/** Lines of the holdings table and totals block; write them with writeLines (streams past a screen). */
export function holdingsLines(report: HoldingsReport, color: boolean): Iterable<string> {
  const t = report.totals;
  const rows: Cell[][] = [];
  for (const h of report.holdings) {
    const age = h.freshness === 'missing' ? 'none' : `${formatAge(h.ageSeconds)}${h.stale ? ' stale' : ''}`;
    rows.push([
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
  rows.push([
    'Total',
    '',
    '',
    '',
    orDash(formatMoney(t.marketValue)),
    formatMoney(t.costBasis),
    '',
    priced ? signed(t.unrealizedGain, color) : '—',
    signed(unrealizedPct, color, formatPct(unrealizedPct)),
    priced ? signed(t.dayChange, color) : '—',
    t.marketValue > 0 ? '100.0%' : '—',
  ]);
  const realized = signed(t.realizedGain, color);
  const realizedText = color && typeof realized === 'object' && realized !== null ? `${realized.style === 'green' ? '\u001b[32m' : '\u001b[31m'}${realized.text}\u001b[39m` : plain(realized);
  const head = ['Symbol', 'Quantity', 'Price', 'Age', `Value ${sanitize(report.baseCurrency)}`, 'Cost', 'Avg cost', 'Unrealized', '%', 'Day', 'Weight'];
  const align = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as const;
  return (function* () {
    yield* tableLines({ head, align, color }, rows);
    yield sanitize(`Cash ${formatMoney(t.cash)}  Total value ${formatMoney(t.totalValue)} ${report.baseCurrency}`);
    yield `Realized ${realizedText}  Dividends ${formatMoney(t.dividends)}  Interest ${formatMoney(t.interest)}  Fees ${formatMoney(t.fees)}${t.taxes ? `  Taxes ${formatMoney(t.taxes)}` : ''}  (cost method: ${report.costMethod})`;
  })();
}

export function renderHoldings(report: HoldingsReport, color: boolean): string {
  return [...holdingsLines(report, color)].join('\n');
}
