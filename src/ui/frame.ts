/**
 * The screen model: which lines the dashboard shows for a state and a terminal size. The plain
 * first frame and the Ink App both render this model, so Ink replaces the first frame in place
 * with the same layout.
 */
import { MARKS, fit, money, pct, signedMoney, toneOf, type Tone } from './format.js';
import { sortHoldings, SORT_LABELS, type SortKey } from './sort.js';
import { layoutTable, freshnessText, type Cell, type TableLayout } from './table-layout.js';
import { rowFreshness, type DashboardReport, type HoldingView } from './view-model.js';

export interface Segment {
  text: string;
  tone: Tone;
  bold?: boolean;
}

export interface FrameInput {
  report: DashboardReport;
  sort: SortKey;
  selected: string | null;
  columns: number;
  rows: number;
  /** Seconds since report.asOf, so ages keep counting between reports. */
  elapsedSeconds: number;
  status: string;
  statusTone?: Tone;
  unread: number;
  showCharts: boolean;
  /** Why symbols did not refresh; shown as the reason of rows that are not fresh. */
  failures?: Record<string, string>;
  /** A watchlist's name: its header replaces the portfolio totals. */
  watchlist?: string | null;
  /** An open prompt (the alert prompt) shown in place of the detail line. */
  prompt?: string | null;
}

export interface FrameModel {
  header: Segment[];
  status: Segment[];
  table: TableLayout;
  visible: { holding: HoldingView; cells: Cell[]; selected: boolean }[];
  /** Rows hidden above/below the window. */
  above: number;
  below: number;
  detail: Segment[];
  chartHeight: number;
  legend: string;
  sorted: HoldingView[];
  empty: boolean;
}

export const EMPTY_HELP = [
  'No holdings yet. To start:',
  '  portfolio import FILE.csv            record transactions from a CSV file',
  '  portfolio add buy AAPL 10 --price 190  record one transaction',
  '  portfolio demo                       try the dashboard on a sample portfolio',
];

export const LEGEND = `${MARKS.fresh} fresh  ${MARKS.stale} stale  ${MARKS.missing} missing`;
const KEYS = '↑↓/jk select · s sort · 1-7 range · c charts · r refresh · n notes · ? help · q quit';

export function headerSegments(report: DashboardReport, unread: number): Segment[] {
  const t = report.totals;
  const prev = t.marketValue - t.dayChange;
  const dayPct = prev > 0 ? t.dayChange / prev : null;
  const gainPct = t.costBasis > 0 ? t.unrealizedGain / t.costBasis : null;
  const segs: Segment[] = [
    { text: `Value ${money(t.marketValue + t.cash)} ${report.baseCurrency}`, tone: 'flat', bold: true },
    { text: `Day ${signedMoney(t.dayChange)} (${pct(dayPct)})`, tone: toneOf(t.dayChange) },
    { text: `Gain ${signedMoney(t.unrealizedGain)} (${pct(gainPct)})`, tone: toneOf(t.unrealizedGain) },
    { text: `Cash ${money(t.cash)}`, tone: 'flat' },
  ];
  if (unread > 0) segs.push({ text: `✉ ${unread} new`, tone: 'warn' });
  return segs;
}

/** Fits segments on one line joined by ' · ', dropping from the end. */
export function fitSegments(segs: Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const s of segs) {
    const add = (out.length ? 3 : 0) + s.text.length;
    if (used + add > width) {
      // The segment that overflows is cut with an ellipsis if a useful part of it fits.
      const room = width - used - (out.length ? 3 : 0);
      if (out.length === 0 || room >= 12) out.push({ ...s, text: fit(s.text, room) });
      break;
    }
    out.push(s);
    used += add;
  }
  return out;
}

/** Chart area height for a terminal, 0 when the table needs the room. */
export function chartHeightFor(rows: number, holdings: number, showCharts: boolean): number {
  if (!showCharts) return 0;
  const height = Math.min(14, Math.max(8, Math.floor((rows - 6) * 0.4)));
  // Charts only when the table keeps at least 8 rows (or all of a smaller portfolio).
  return rows - 1 - 5 - height >= Math.min(holdings, 8) ? height : 0;
}

function statusSegments(input: FrameInput): Segment[] {
  const segs: Segment[] = [{ text: input.status, tone: input.statusTone ?? 'dim' }];
  // Rows already say which prices are missing; other warnings (FX, ledger) get a word here.
  const warnings = (input.report.warnings ?? []).filter((w) => !w.startsWith('no price cached'));
  if (warnings.length > 0) segs.push({ text: `⚠ ${warnings.length > 1 ? `${warnings.length} warnings: ` : ''}${warnings[0]}`, tone: 'warn' });
  segs.push({ text: `sort: ${SORT_LABELS[input.sort]}`, tone: 'dim' });
  return segs;
}

function withFailure(h: HoldingView, failure: string | undefined): HoldingView {
  if (!failure || rowFreshness(h) === 'fresh') return h;
  return { ...h, freshnessReason: h.freshnessReason ? `${failure}; ${h.freshnessReason}` : failure };
}

export function buildFrame(input: FrameInput): FrameModel {
  const { report, columns } = input;
  const failures = input.failures ?? {};
  const rows = Object.keys(failures).length === 0 ? report.holdings : report.holdings.map((h) => withFailure(h, failures[h.symbol]));
  const sorted = sortHoldings(rows, input.sort);
  const table = layoutTable(sorted, columns, input.elapsedSeconds);
  const chartHeight = chartHeightFor(input.rows, sorted.length, input.showCharts);
  // Lines: header, status, table header, rows..., detail, [chart], legend; stay below the terminal
  // height so Ink updates in place instead of clearing the screen.
  const capacity = Math.max(1, input.rows - 1 - 5 - chartHeight);
  let index = sorted.findIndex((h) => h.symbol === input.selected);
  if (index < 0) index = 0;
  const start = Math.min(Math.max(0, index - Math.floor(capacity / 2)), Math.max(0, sorted.length - capacity));
  const windowRows = sorted.slice(start, start + capacity);
  const sel = sorted[index];
  const detail: Segment[] = [];
  if (input.prompt) detail.push({ text: input.prompt, tone: 'warn', bold: true });
  else if (sel) {
    const state = rowFreshness(sel);
    detail.push({ text: `${sel.symbol}${sel.name ? ` ${sel.name}` : ''}`, tone: 'flat', bold: true });
    detail.push({ text: `${MARKS[state]} ${freshnessText(sel)}`, tone: state === 'fresh' ? 'dim' : state === 'stale' ? 'warn' : 'bad' });
    if (sel.priceSource) detail.push({ text: `via ${sel.priceSource}`, tone: 'dim' });
    if (start > 0 || start + capacity < sorted.length) {
      detail.push({ text: `${index + 1}/${sorted.length}`, tone: 'dim' });
    }
  }
  return {
    header: fitSegments(input.watchlist ? watchHeader(input.watchlist, sorted.length, input.unread) : headerSegments(report, input.unread), columns),
    status: fitSegments(statusSegments(input), columns),
    table,
    visible: windowRows.map((h) => ({ holding: h, cells: table.cells(h), selected: h.symbol === sel?.symbol })),
    above: start,
    below: Math.max(0, sorted.length - start - capacity),
    detail: fitSegments(detail, columns),
    chartHeight,
    legend: fit(columns >= LEGEND.length + 3 + KEYS.length ? `${LEGEND} · ${KEYS}` : LEGEND, columns),
    sorted,
    empty: sorted.length === 0,
  };
}

function watchHeader(list: string, count: number, unread: number): Segment[] {
  const segs: Segment[] = [
    { text: `Watchlist ${list}`, tone: 'flat', bold: true },
    { text: `${count} symbol${count === 1 ? '' : 's'} · day change per share · w: next list`, tone: 'dim' },
  ];
  if (unread > 0) segs.push({ text: `✉ ${unread} new`, tone: 'warn' });
  return segs;
}
