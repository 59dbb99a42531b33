/** Plain-text tables for `performance` (cli-table3 is passed in: it is imported lazily). */
import type CliTable from 'cli-table3';
import { formatMoney, formatPct } from '../base/format.js';
import type { PerformanceReport } from './performance.js';
import type { PerformanceResult } from './report.js';

type TableCtor = typeof CliTable;

function signed(v: number | null, color: boolean, text: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const s = v > 0 ? `+${text}` : text;
  if (!color || v === 0) return s;
  return v > 0 ? `\u001b[32m${s}\u001b[39m` : `\u001b[31m${s}\u001b[39m`;
}

function cells(r: PerformanceResult, color: boolean): string[] {
  return [
    r.from,
    r.to,
    formatMoney(r.startValue),
    formatMoney(r.endValue),
    signed(r.netFlows, false, formatMoney(r.netFlows)),
    signed(r.gain, color, formatMoney(r.gain)),
    signed(r.twr, color, formatPct(r.twr)),
    signed(r.twrAnnualized, color, formatPct(r.twrAnnualized)),
    r.irr === null ? '—' : signed(r.irr, color, formatPct(r.irr)),
  ];
}

const HEAD = ['From', 'To', 'Start', 'End', 'Net flows', 'Gain', 'TWR', 'TWR p.a.', 'IRR'];

export function renderPerformance(report: PerformanceReport, Table: TableCtor, color: boolean): string {
  const style = { head: color ? ['cyan'] : [], border: [] };
  const out: string[] = [];
  const periods = new Table({
    head: ['Period', ...HEAD],
    style,
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const r of report.periods) periods.push([r.period, ...cells(r, color)]);
  out.push(periods.toString());
  if (report.breakdown) {
    const b = report.breakdown;
    const table = new Table({
      head: [b.by === 'account' ? 'Account' : 'Symbol', ...HEAD],
      style,
      colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    });
    for (const r of b.rows) table.push([r.name, ...cells(r, color)]);
    out.push(`By ${b.by} (${b.rows[0]?.period ?? ''} ${b.rows[0]?.from ?? ''}..${b.rows[0]?.to ?? ''}):`, table.toString());
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
