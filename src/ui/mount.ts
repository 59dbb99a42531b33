/** Mounts the Ink App over the plain first frame (imported only after that frame is on screen). */
import { render } from 'ink';
import { createElement } from 'react';
import type { Deps } from '../deps.js';
import { allocationReport } from '../ledger/allocation-report.js';
import { markRead, listNotifications, unreadCount } from '../store/notifications.js';
import { App } from './App.js';
import { createChartClient } from './chart-client.js';
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
  const { deps } = o;
  const db = deps.db();
  let lastReport = o.state.report;
  const charts = createChartClient(db.name);
  const services: DashboardServices = {
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
      const symbols = refreshSymbols(lastReport);
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
    loadCharts(range, symbol) {
      return charts.load({ range, symbol, now: deps.clock.now(), baseCurrency: lastReport.baseCurrency });
    },
  };
  const instance = render(createElement(App, { services, initial: o.state }), {
    stdout: o.stdout,
    stdin: deps.stdin,
    stderr: deps.stderr,
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
