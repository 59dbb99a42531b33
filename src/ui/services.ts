/** What the App needs from the outside world; the dashboard command builds real ones, tests fake them. */
import type { CircuitState, RefreshProgress } from '../market/types.js';
import type { AllocationReport } from '../ledger/allocation-report.js';
import type { Notification } from '../store/notifications.js';
import type { ChartData, RangeKey } from './state.js';
import type { DashboardReport } from './view-model.js';
import type { IncomeSummary } from './state.js';

export interface RefreshOutcome {
  /** Plain words for the status line when not everything was refreshed; null when all went well. */
  problem: string | null;
  circuit: CircuitState;
  /** Symbols that did not refresh, with why, in words for the row (unknown symbol, provider backing off...). */
  failures?: Record<string, string>;
}

export interface RefreshCallbacks {
  signal: AbortSignal;
  force: boolean;
  onStart(total: number, batches: number): void;
  onProgress(p: RefreshProgress): void;
}

export interface DashboardServices {
  offline: boolean;
  refreshSeconds: number;
  color: boolean;
  /** Prefix of the status line, e.g. "demo portfolio (simulated prices)". */
  label?: string;
  now(): number;
  /** Rebuilds the holdings report from the cache (cheap: SQLite only). */
  loadReport(): DashboardReport;
  refresh(cb: RefreshCallbacks): Promise<RefreshOutcome>;
  loadNotifications(): { items: Notification[]; unread: number };
  markRead(ids: number[]): void;
  /** Income for the `i` panel (trailing and forward twelve months, next payments); absent: no panel. */
  loadIncome?(): IncomeSummary;
  loadCharts(range: RangeKey, symbol: string | null): Promise<ChartData>;
  /** Names of the watchlists that have symbols, in `w` order. */
  loadWatchlists?(): string[];
  /** One watchlist from the cache, in the table's shape. */
  loadWatch?(list: string): DashboardReport;
  /** Records an alert; returns the words for the status line. */
  addAlert?(symbol: string, kind: 'above' | 'below', price: number): string;
  /** Allocation by asset class with targets and drift, from the cache (the `l` panel). */
  loadAllocation?(): AllocationReport;
}
