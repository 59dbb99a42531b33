/** Plain-text renderings of `allocation` and `rebalance`: one line per group or trade, ASCII bars. */
import { formatMoney, formatPct, formatQty } from '../base/format.js';
import type { AllocationReport, RebalanceReport } from './allocation-report.js';

const pct = (x: number | null): string => (x === null ? '—' : formatPct(x, 1));
const signed = (x: number | null): string => (x === null ? '—' : `${x > 0 ? '+' : ''}${formatPct(x, 1)}`);

/** A bar of `width` characters for a weight in 0..1 ('#' filled, '.' empty), with '|' at the target. */
export function weightBar(weight: number | null, target: number | null, width: number): string {
  const w = Math.max(0, Math.min(1, weight ?? 0));
  const filled = Math.round(w * width);
  const chars: string[] = Array.from({ length: width }, (_, i) => (i < filled ? '#' : '.'));
  if (target !== null) {
    const at = Math.min(width - 1, Math.max(0, Math.round(Math.min(1, target) * width) - 1));
    chars[at] = '|';
  }
  return chars.join('');
}

function pad(cells: string[][], right: readonly boolean[]): string[] {
  const widths = cells[0]?.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length))) ?? [];
  return cells.map((r) => r.map((c, j) => (right[j] ? c.padStart(widths[j] ?? 0) : c.padEnd(widths[j] ?? 0))).join('  ').trimEnd());
}

export function renderAllocation(r: AllocationReport, barWidth = 30): string {
  const rows = [['group', `value (${r.baseCurrency})`, 'weight', '', 'target', 'drift']];
  for (const g of r.groups) {
    rows.push([g.key, formatMoney(g.value), pct(g.weight), weightBar(g.weight, g.target, barWidth), pct(g.target), signed(g.drift)]);
  }
  rows.push(['total', formatMoney(r.total), r.total > 0 ? '100.0%' : '—', '', r.targeted > 0 ? pct(r.targeted) : '', r.targeted > 0 ? `|${formatPct(r.totalDrift, 1)}|` : '']);
  const lines = [`Allocation by ${r.by} (${r.asOf.slice(0, 10)})`, ...pad(rows, [false, true, true, false, true, true])];
  if (r.targeted > 0) lines.push(`drift: sum of |weight - target| over the ${r.groups.filter((g) => g.target !== null).length} targeted groups; '|' in a bar marks the target`);
  return lines.join('\n');
}

export function renderRebalance(r: RebalanceReport): string {
  const lines: string[] = [];
  if (r.trades.length === 0) lines.push('no trades: the portfolio is as close to its targets as whole shares, the cash and the minimum trade allow');
  else {
    const rows = [['side', 'symbol', 'quantity', `amount (${r.baseCurrency})`]];
    for (const t of r.trades) rows.push([t.side, t.symbol, formatQty(t.quantity), formatMoney(t.amount)]);
    lines.push(...pad(rows, [false, false, true, true]));
  }
  lines.push('');
  const rows = [['group', 'target', 'before', 'after']];
  for (const g of r.groups) rows.push([g.key, pct(g.target), pct(g.before), pct(g.after)]);
  lines.push(...pad(rows, [false, true, true, true]));
  lines.push(`drift ${formatPct(r.driftBefore, 1)} -> ${formatPct(r.driftAfter, 1)} (sum of |weight - target|); cash left ${formatMoney(r.cashLeft)} ${r.baseCurrency}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  lines.push('Nothing was recorded: record the trades you make with "portfolio add buy|sell".');
  return lines.join('\n');
}
