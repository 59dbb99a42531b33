/** Renders a watchlist as a table: the same age words as the holdings table. */
import { BoxTable, type Cell } from '../base/text-table.js';
import { formatAge, formatMoney, formatPct } from '../base/format.js';
import type { WatchReport } from './watch-report.js';

function signed(v: number | null, text: string): Cell {
  if (v === null || !Number.isFinite(v)) return '—';
  const s = v > 0 ? `+${text}` : text;
  return v === 0 ? s : { text: s, style: v > 0 ? 'green' : 'red' };
}

const digits = (v: number) => (Math.abs(v) < 10 ? 4 : 2);

export function renderWatchList(report: WatchReport, color: boolean): string {
  const table = new BoxTable({
    head: ['Symbol', 'Name', 'Price', 'Day', '%', '52w range', 'Age', 'Source'],
    color,
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
      signed(r.dayChange, r.dayChange === null ? '' : formatMoney(r.dayChange, digits(r.price ?? r.dayChange))),
      signed(r.dayChangePercent, formatPct(r.dayChangePercent === null ? null : r.dayChangePercent / 100)),
      range,
      age,
      r.priceSource ?? '—',
    ]);
  }
  return `${report.list}\n${table.toString()}`;
}
