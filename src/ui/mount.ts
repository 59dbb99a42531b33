/** Mounts the Ink App over the plain first frame (imported only after that frame is on screen). */
import { render } from 'ink';
import { createElement } from 'react';
import type { Deps } from '../deps.js';
import { allocationReport } from '../ledger/allocation-report.js';
import { markRead, listNotifications, unreadCount } from '../store/notifications.js';
import { addAlert } from '../store/alerts.js';
import { addDays, todayIso } from '../core/dates.js';
import { buildWatchReport } from '../ledger/watch-report.js';
import { incomeReport } from '../returns/income-report.js';
import { allWatchedSymbols, listWatchlists } from '../store/watchlists.js';
import { watchToReport } from './watch-view.js';
import { App } from './App.js';
import { createChartClient, type ChartClient } from './chart-client.js';
import { describeRefresh, failureReasons, refreshSymbols } from './refresh-symbols.js';
import type { DashboardServices } from './services.js';
import type { DashboardState } from './state.js';
import type { DashboardReport } from './view-model.js';

export interface MountOptions {
  deps: Deps;
  state: DashboardState;
  stdout: NodeJS.WriteStream;
  color: boolean;
  offline: boolean;
  refreshSeconds: number;
  label?: string;
  loadReport(): DashboardReport;
}

export async function mountApp(o: MountOptions): Promise<void> {
  const charts = createChartClient(o.deps.db().name);
  const services = createServices(o, charts);
  const instance = render(createElement(App, { services, initial: o.state }), {
    stdout: o.stdout,
    stdin: o.deps.stdin,
    stderr: o.deps.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: false,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    charts.close();
  }
}

/** The App's window on the world: the cache, the market service, alerts (tests call it without Ink). */
export function createServices(o: Omit<MountOptions, 'stdout'>, charts: Pick<ChartClient, 'load'>): DashboardServices {
  const { deps } = o;
  const db = deps.db();
  let lastReport = o.state.report;
  return {
    offline: o.offline,
    refreshSeconds: o.refreshSeconds,
    color: o.color,
    label: o.label,
    now: () => deps.clock.now().getTime(),
    loadReport() {
      lastReport = o.loadReport();
      return lastReport;
    },
    async refresh({ signal, force, onStart, onProgress }) {
      const market = await deps.market();
      const symbols = refreshSymbols(lastReport, allWatchedSymbols(db));
      onStart(symbols.length, Math.ceil(symbols.length / 50));
      const res = await market.refreshQuotes(symbols, { signal, force, onProgress, context: 'dashboard' });
      return { problem: describeRefresh(res), circuit: res.circuit, failures: failureReasons(res) };
    },
    loadNotifications: () => ({ items: listNotifications(db, { all: true, limit: 200 }), unread: unreadCount(db) }),
    markRead: (ids) => markRead(db, ids),
    loadAllocation: () =>
      allocationReport(db, 'class', {
        baseCurrency: lastReport.baseCurrency,
        costMethod: deps.config().costMethod,
        now: deps.clock.now(),
        ttlSeconds: deps.config().quoteTtlSeconds,
        overrides: deps.config().symbols,
      }),
    loadIncome() {
      const config = deps.config();
      const now = deps.clock.now();
      const r = incomeReport(db, { by: 'year', today: todayIso(now), now, baseCurrency: config.baseCurrency, costMethod: config.costMethod, ttlSeconds: config.quoteTtlSeconds, longTermMonths: config.gains.longTermMonths });
      return { baseCurrency: r.baseCurrency, trailing12m: r.trailing12m, forward12m: r.forward12m.total, next: r.forward12m.payments.slice(0, 20) };
    },
    async loadCharts(range, symbol) {
      // A watched symbol's history is fetched when its chart is asked for, not with every refresh.
      if (symbol && !o.offline && !lastReport.holdings.some((h) => h.symbol === symbol) && allWatchedSymbols(db).includes(symbol)) {
        const market = await deps.market();
        await market.refreshHistory([{ symbol, from: addDays(todayIso(deps.clock.now()), -5 * 366) }], { context: 'dashboard' }).catch(() => undefined);
      }
      return charts.load({ range, symbol, now: deps.clock.now(), baseCurrency: lastReport.baseCurrency });
    },
    loadWatchlists: () => listWatchlists(db).filter((l) => l.count > 0).map((l) => l.name),
    loadWatch: (list) => watchToReport(buildWatchReport(db, list, { now: deps.clock.now(), ttlSeconds: deps.config().quoteTtlSeconds }), lastReport.baseCurrency),
    addAlert(symbol, kind, price) {
      const a = addAlert(db, { symbol, kind, threshold: price }, deps.clock.now());
      return `alert ${a.id} added: ${a.symbol} ${a.kind} ${a.threshold}`;
    },
  };
}
