/** The benchmark comparison under the performance table: one line per period, plain text. */
import { formatMoney, formatPct } from '../base/format.js';
import type { BenchmarkComparison } from './benchmark.js';
import type { PerformanceResult } from './report.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatPct(x));
const signed = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${formatPct(x)}`);

export function renderBenchmark(b: BenchmarkComparison, periods: readonly PerformanceResult[], base: string): string {
  const rows: string[][] = [['period', 'portfolio', b.symbol, 'beat by', `value (${base})`, `same money in ${b.symbol}`, 'IRR', `IRR in ${b.symbol}`]];
  b.periods.forEach((bp, k) => {
    const p = periods[k];
    rows.push([
      bp.period,
      pct(p?.twr),
      pct(bp.twr),
      signed(bp.excess),
      p ? formatMoney(p.endValue) : '—',
      formatMoney(bp.sameMoney.endValue),
      pct(p?.irr),
      pct(bp.sameMoney.irr),
    ]);
  });
  const widths = rows[0]?.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length))) ?? [];
  const lines = rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
  const note = b.dividendsReinvested ? 'dividends reinvested' : 'price only (no dividends reported)';
  return [`Against ${b.symbol} (${note}; "same money": every deposit and withdrawal bought or sold ${b.symbol} instead)`, ...lines].join('\n');
}
