/** Dashboard state and its reducer: every change the UI can see goes through here (tested without rendering). */
import type { AllocationReport } from '../ledger/allocation-report.js';
import type { CircuitState } from '../market/types.js';
import type { Notification } from '../store/notifications.js';
import { nextSort, sortHoldings, type SortKey } from './sort.js';
import type { DashboardReport } from './view-model.js';
import type { AlertPrompt } from './watch-view.js';

export { CHART_RANGES as RANGES, type ChartRange as RangeKey } from '../core/periods.js';
import type { ChartRange as RangeKey } from '../core/periods.js';

export interface RefreshState {
  phase: 'idle' | 'refreshing' | 'offline';
  done: number;
  total: number;
  batch: number;
  batches: number;
  /** Epoch ms of the next automatic refresh, null when none is planned. */
  nextAt: number | null;
  lastAt: number | null;
  /** Why the last refresh did not get everything (provider down, circuit open...). */
  problem: string | null;
  circuit: CircuitState;
}

export interface ChartData {
  range: RangeKey;
  portfolio: number[];
  symbol: string | null;
  closes: number[];
  note: string | null;
}

/** The income panel's numbers (base currency). */
export interface IncomeSummary {
  baseCurrency: string;
  trailing12m: number;
  forward12m: number;
  next: { date: string; symbol: string; amount: number }[];
}

export interface DashboardState {
  report: DashboardReport;
  /** Epoch ms when report was built. */
  reportAt: number;
  now: number;
  sort: SortKey;
  selected: string | null;
  range: RangeKey;
  showCharts: boolean;
  panel: 'none' | 'help' | 'notifications' | 'income' | 'allocation';
  income: IncomeSummary | null;
  allocation: AllocationReport | null;
  refresh: RefreshState;
  notifications: Notification[];
  unread: number;
  charts: ChartData | null;
  size: { columns: number; rows: number };
  /** Why each symbol did not refresh last time (shown on its row while it is not fresh). */
  failures: Record<string, string>;
  /** A watchlist shown instead of the holdings (`w` cycles), read from the cache like the holdings. */
  view?: { list: string; report: DashboardReport } | null;
  /** The `a` key's alert prompt, while it is open. */
  prompt?: AlertPrompt | null;
  /** A one-off word for the status line (alert added, no watchlists...). */
  message?: string | null;
}

/** The rows on screen: the watchlist's when one is shown, else the holdings. */
export function activeReport(state: DashboardState): DashboardReport {
  return state.view?.report ?? state.report;
}

export type Action =
  | { type: 'report'; report: DashboardReport; at: number }
  | { type: 'move'; delta: number }
  | { type: 'cycle-sort' }
  | { type: 'range'; range: RangeKey }
  | { type: 'toggle-charts' }
  | { type: 'panel'; panel: 'help' | 'notifications' | 'income' | 'allocation' }
  | { type: 'income'; income: IncomeSummary }
  | { type: 'close-panel' }
  | { type: 'refresh-start'; total: number; batches: number }
  | { type: 'refresh-progress'; done: number; total: number; batch: number; batches: number }
  | { type: 'refresh-end'; at: number; problem: string | null; circuit: CircuitState; failures?: Record<string, string> }
  | { type: 'failures'; failures: Record<string, string>; refreshed: string[] }
  | { type: 'schedule'; nextAt: number | null }
  | { type: 'tick'; now: number }
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'notifications'; items: Notification[]; unread: number }
  | { type: 'charts'; charts: ChartData }
  | { type: 'view'; view: { list: string; report: DashboardReport } | null; message?: string | null }
  | { type: 'prompt'; prompt: AlertPrompt | null; message?: string | null }
  | { type: 'allocation'; allocation: AllocationReport };

export interface InitOptions {
  report: DashboardReport;
  now: number;
  offline: boolean;
  columns: number;
  rows: number;
  sort?: SortKey;
  unread?: number;
}

export function initialState(o: InitOptions): DashboardState {
  const sort = o.sort ?? 'value';
  return {
    report: o.report,
    reportAt: o.now,
    now: o.now,
    sort,
    selected: sortHoldings(o.report.holdings, sort)[0]?.symbol ?? null,
    range: '1Y',
    showCharts: true,
    panel: 'none',
    income: null,
    allocation: null,
    refresh: { phase: o.offline ? 'offline' : 'idle', done: 0, total: 0, batch: 0, batches: 0, nextAt: null, lastAt: null, problem: null, circuit: 'closed' },
    notifications: [],
    unread: o.unread ?? 0,
    charts: null,
    size: { columns: o.columns, rows: o.rows },
    failures: {},
  };
}

export function reducer(state: DashboardState, action: Action): DashboardState {
  switch (action.type) {
    case 'report': {
      const rows = (state.view?.report ?? action.report).holdings;
      const still = rows.some((h) => h.symbol === state.selected);
      const selected = still ? state.selected : (sortHoldings(rows, state.sort)[0]?.symbol ?? null);
      return { ...state, report: action.report, reportAt: action.at, now: Math.max(state.now, action.at), selected };
    }
    case 'view': {
      const rows = (action.view?.report ?? state.report).holdings;
      const switched = (action.view?.list ?? null) !== (state.view?.list ?? null);
      const keep = !switched && rows.some((h) => h.symbol === state.selected);
      const selected = keep ? state.selected : (sortHoldings(rows, state.sort)[0]?.symbol ?? null);
      return { ...state, view: action.view, selected, message: action.message === undefined ? (switched ? null : state.message) : action.message };
    }
    case 'prompt':
      return { ...state, prompt: action.prompt, message: action.message === undefined ? state.message : action.message };
    case 'move': {
      const sorted = sortHoldings(activeReport(state).holdings, state.sort);
      if (sorted.length === 0) return state;
      const i = Math.max(0, sorted.findIndex((h) => h.symbol === state.selected));
      const j = Math.min(sorted.length - 1, Math.max(0, i + action.delta));
      const selected = sorted[j]?.symbol ?? null;
      return selected === state.selected ? state : { ...state, selected };
    }
    case 'cycle-sort':
      return { ...state, sort: nextSort(state.sort) };
    case 'range':
      return action.range === state.range ? state : { ...state, range: action.range };
    case 'toggle-charts':
      return { ...state, showCharts: !state.showCharts };
    case 'panel':
      return { ...state, panel: state.panel === action.panel ? 'none' : action.panel };
    case 'close-panel':
      return state.panel === 'none' ? state : { ...state, panel: 'none' };
    case 'refresh-start':
      if (state.refresh.phase === 'offline') return state;
      return { ...state, refresh: { ...state.refresh, phase: 'refreshing', done: 0, total: action.total, batch: 0, batches: action.batches, nextAt: null } };
    case 'refresh-progress':
      return { ...state, refresh: { ...state.refresh, done: action.done, total: action.total, batch: action.batch, batches: action.batches } };
    case 'refresh-end':
      if (state.refresh.phase === 'offline') return state;
      return {
        ...state,
        refresh: { ...state.refresh, phase: 'idle', lastAt: action.at, problem: action.problem, circuit: action.circuit },
        failures: action.failures ?? state.failures,
      };
    case 'failures': {
      const failures = { ...state.failures, ...action.failures };
      for (const s of action.refreshed) delete failures[s];
      return { ...state, failures };
    }
    case 'schedule':
      return { ...state, refresh: { ...state.refresh, nextAt: action.nextAt } };
    case 'tick':
      return action.now === state.now ? state : { ...state, now: action.now };
    case 'resize':
      if (action.columns === state.size.columns && action.rows === state.size.rows) return state;
      return { ...state, size: { columns: action.columns, rows: action.rows } };
    case 'income':
      return { ...state, income: action.income };
    case 'notifications':
      return { ...state, notifications: action.items, unread: action.unread };
    case 'charts':
      return { ...state, charts: action.charts };
    case 'allocation':
      return { ...state, allocation: action.allocation };
  }
}

/** The status line: `refreshing 40/120 · batch 1/3 · next in 60s`, or why prices are stale. */
export function statusText(state: DashboardState): { text: string; tone: 'dim' | 'warn' } {
  const r = state.refresh;
  const counts = countStates(activeReport(state));
  const stale = counts.stale + counts.missing > 0 ? ` · ${counts.stale} stale, ${counts.missing} missing` : '';
  const lead = `${state.view ? `list ${state.view.list} · ` : ''}${state.message ? `${state.message} · ` : ''}`;
  if (r.phase === 'offline') return { text: `${lead}offline: cached prices only${stale}`, tone: 'warn' };
  const parts: string[] = [];
  if (r.phase === 'refreshing') {
    parts.push(`refreshing ${r.done}/${r.total}`);
    if (r.batches > 0) parts.push(`batch ${Math.max(1, r.batch)}/${r.batches}`);
  } else if (r.problem) {
    parts.push(r.problem);
  } else if (r.lastAt !== null) {
    parts.push(`updated ${Math.max(0, Math.round((state.now - r.lastAt) / 1000))}s ago`);
  } else {
    parts.push('cached prices');
  }
  if (r.nextAt !== null) parts.push(`next in ${Math.max(0, Math.round((r.nextAt - state.now) / 1000))}s`);
  const text = lead + parts.join(' · ') + (r.phase === 'refreshing' ? '' : stale);
  return { text, tone: r.problem || (r.phase !== 'refreshing' && stale) ? 'warn' : 'dim' };
}

export function countStates(report: DashboardReport): { fresh: number; stale: number; missing: number } {
  const c = { fresh: 0, stale: 0, missing: 0 };
  for (const h of report.holdings) {
    const s = h.freshness ?? (h.price === null ? 'missing' : h.stale ? 'stale' : 'fresh');
    c[s]++;
  }
  return c;
}
