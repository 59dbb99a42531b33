/** Renders a watchlist as a cli-table3 table: the same age words as the holdings table. */
import type CliTable from 'cli-table3';
import { formatAge, formatMoney, formatPct } from '../base/format.js';
import type { WatchReport } from './watch-report.js';

function signed(v: number | null, color: boolean, text: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const s = v > 0 ? `+${text}` : text;
  if (!color || v === 0) return s;
  return v > 0 ? `\u001b[32m${s}\u001b[39m` : `\u001b[31m${s}\u001b[39m`;
}

const digits = (v: number) => (Math.abs(v) < 10 ? 4 : 2);

export function renderWatchList(report: WatchReport, Table: typeof CliTable, color: boolean): string {
  const table = new Table({
    head: ['Symbol', 'Name', 'Price', 'Day', '%', '52w range', 'Age', 'Source'],
    style: { head: color ? ['cyan'] : [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const r of report.symbols) {
    const age = r.freshness === 'missing' ? 'none' : `${formatAge(r.ageSeconds)}${r.stale ? ' stale' : ''}`;
    const range = r.week52Low !== null && r.week52High !== null ? `${formatMoney(r.week52Low, digits(r.week52Low))} – ${formatMoney(r.week52High, digits(r.week52High))}` : '—';
    table.push([
      r.symbol,
      (r.name ?? '').slice(0, 28),
      r.price === null ? '—' : `${formatMoney(r.price, digits(r.price))} ${r.currency ?? ''}`.trim(),
      // The change is shown to the price's precision: 0.16 on a 434.92 price, 0.0123 on a 4.5678 one.
      signed(r.dayChange, color, r.dayChange === null ? '' : formatMoney(r.dayChange, digits(r.price ?? r.dayChange))),
      signed(r.dayChangePercent, color, formatPct(r.dayChangePercent === null ? null : r.dayChangePercent / 100)),
      range,
      age,
      r.priceSource ?? '—',
    ]);
  }
  return `${report.list}\n${table.toString()}`;
}
