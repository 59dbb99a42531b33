/** Plain-text tables for `performance`, drawn by the linear table renderer. */
import { formatMoney, formatPct } from '../base/format.js';
import { renderTable, type Align, type Cell } from '../base/text-table.js';
import type { PerformanceReport, PeriodNumbers } from './performance.js';

function signed(v: number | null, color: boolean, text: string): Cell {
  if (v === null || !Number.isFinite(v)) return '—';
  const s = v > 0 ? `+${text}` : text;
  if (!color || v === 0) return s;
  return { text: s, style: v > 0 ? 'green' : 'red' };
}

function cells(r: PeriodNumbers, color: boolean): Cell[] {
  return [
    r.from,
    r.to,
    formatMoney(r.startValue),
    formatMoney(r.endValue),
    signed(r.netFlows, false, formatMoney(r.netFlows)),
    signed(r.gain, color, formatMoney(r.gain)),
    // Realized: the sum of `portfolio gains` rows dated in the period (the same lot engine).
    signed(r.realizedGain, color, formatMoney(r.realizedGain)),
    signed(r.twr, color, formatPct(r.twr)),
    signed(r.twrAnnualized, color, formatPct(r.twrAnnualized)),
    r.irr === null ? '—' : signed(r.irr, color, formatPct(r.irr)),
  ];
}

const HEAD = ['From', 'To', 'Start', 'End', 'Net flows', 'Gain', 'Realized', 'TWR', 'TWR p.a.', 'IRR'];

const ALIGN: readonly Align[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];

export function renderPerformance(report: PerformanceReport, color: boolean): string {
  const out: string[] = [];
  out.push(renderTable({ head: ['Period', ...HEAD], align: ALIGN, color }, report.periods.map((r) => [r.period, ...cells(r, color)])));
  if (report.breakdown) {
    const b = report.breakdown;
    const table = renderTable({ head: [b.by === 'account' ? 'Account' : 'Symbol', ...HEAD], align: ALIGN, color }, b.rows.map((r) => [r.name, ...cells(r, color)]));
    out.push(`By ${b.by} (${b.rows[0]?.period ?? ''} ${b.rows[0]?.from ?? ''}..${b.rows[0]?.to ?? ''}):`, table);
  }
  const last = report.periods[report.periods.length - 1];
  if (last) {
    out.push(
      `Dividends ${formatMoney(last.dividends)}  Interest ${formatMoney(last.interest)}  Fees ${formatMoney(last.fees)}${last.taxes ? `  Taxes ${formatMoney(last.taxes)}` : ''}  (${last.period}, ${report.baseCurrency})`,
    );
  }
  // One line per distinct reason, naming the periods it applies to.
  const notes = new Map<string, string[]>();
  for (const r of report.periods) {
    if (r.irr === null && r.irrNote) notes.set(r.irrNote, [...(notes.get(r.irrNote) ?? []), r.period]);
  }
  for (const [note, names] of notes) out.push(`No IRR for ${names.join(', ')}: ${note}.`);
  return out.join('\n');
}
