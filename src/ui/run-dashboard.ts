/**
 * One dashboard launch, in the order that makes it feel instant:
 *   1. holdings report from SQLite, painted as plain ANSI text (no Ink, no React, no HTTP stack);
 *   2. Ink + the App imported and mounted, replacing that frame in place;
 *   3. the market refresh starts (rows update as batches land);
 *   4. charts are computed last.
 * A non-TTY stdout gets the plain frame only and the process ends.
 */
import type { Deps } from '../deps.js';
import { buildHoldingsReport } from '../ledger/holdings-report.js';
import { recordMetric } from '../store/metrics.js';
import { listNotifications, unreadCount } from '../store/notifications.js';
import { sanitize } from '../base/sanitize.js';
import { buildFrame } from './frame.js';
import { plainFrameLines } from './plain-frame.js';
import { initialState, statusText } from './state.js';
import { ENTER_SCREEN, LEAVE_SCREEN, listenEarlyKeys, takeoverStream } from './terminal.js';
import type { DashboardReport } from './view-model.js';

export interface DashboardOptions {
  offline: boolean;
  /** Shown in the status line before the first refresh (e.g. "demo portfolio"). */
  label?: string;
}

function colorEnabled(deps: Deps): boolean {
  if (deps.env.NO_COLOR !== undefined && deps.env.NO_COLOR !== '') return false;
  if (deps.env.FORCE_COLOR !== undefined) return deps.env.FORCE_COLOR !== '0';
  return deps.stdout.isTTY === true;
}

export async function runDashboard(deps: Deps, options: DashboardOptions): Promise<void> {
  // PORTFOLIO_TIMING=1 prints where the first frame's time went (ms since process start) on stderr.
  // process.uptime(), not performance.now(): the first touch of `performance` loads perf_hooks (~1 ms).
  const sinceStart = (): number => process.uptime() * 1000;
  const marks: [string, number][] = [['modules loaded', sinceStart()]];
  const config = deps.config();
  const db = deps.db();
  marks.push(['config + db open', sinceStart()]);
  const loadReport = (): DashboardReport =>
    buildHoldingsReport(db, { baseCurrency: config.baseCurrency, costMethod: config.costMethod, now: deps.clock.now(), ttlSeconds: config.quoteTtlSeconds });
  const report = loadReport();
  marks.push(['holdings report', sinceStart()]);
  const out = deps.stdout;
  const interactive = out.isTTY === true && deps.stdin.isTTY === true;
  const color = colorEnabled(deps);
  const columns = out.columns || Number(deps.env.COLUMNS) || 120;

  if (!interactive) {
    // One plain frame with every row, then exit: pipes, files and CI logs get a readable table.
    const init = initialState({ report, now: deps.clock.now().getTime(), offline: options.offline, columns, rows: report.holdings.length + 8 });
    const lines = plainFrameLines(
      buildFrame({ report, sort: init.sort, selected: null, columns, rows: report.holdings.length + 8, elapsedSeconds: 0, status: statusOf(init, options, options.offline, false), unread: 0, showCharts: false }),
      columns,
      color,
    );
    out.write(`${lines.join('\n')}\n`);
    for (const w of (report.warnings ?? []).slice(0, 5)) deps.stderr.write(`portfolio: warning: ${sanitize(w)}\n`);
    if ((report.warnings ?? []).length > 5) deps.stderr.write(`portfolio: warning: … and ${(report.warnings ?? []).length - 5} more\n`);
    return;
  }

  const rows = out.rows || 24;
  const state = initialState({ report, now: deps.clock.now().getTime(), offline: options.offline, columns, rows, unread: unreadCount(db) });
  const firstStatus = statusOf(state, options, options.offline);
  const lines = plainFrameLines(
    buildFrame({ report, sort: state.sort, selected: state.selected, columns, rows, elapsedSeconds: 0, status: firstStatus, unread: state.unread, showCharts: state.showCharts }),
    columns,
    color,
  );
  out.write(`${ENTER_SCREEN}${lines.join('\n')}\n`);
  const firstFrameMs = sinceStart();
  marks.push(['first frame written', firstFrameMs]);
  if (deps.env.PORTFOLIO_TIMING === '1') {
    process.once('exit', () => deps.stderr.write(marks.map(([k, t]) => `${t.toFixed(1).padStart(7)} ms  ${k}\n`).join('')));
  }
  const restore = () => out.write(LEAVE_SCREEN);
  process.once('exit', restore);
  // Killed from outside (kill, a closed terminal): still hand the screen back.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGHUP' ? 129 : 143);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  const realProcess = out === process.stdout;
  const early = listenEarlyKeys(deps.stdin, () => {
    deps.stdin.setRawMode?.(false);
    if (realProcess) process.exit(0);
  });

  try {
    // React's development build is several times slower to load and to render; a user's terminal
    // wants the production one unless NODE_ENV says otherwise.
    process.env.NODE_ENV ??= 'production';
    const { mountApp } = await import('./mount.js');
    state.notifications = listNotifications(db, { all: true, limit: 200 });
    early.release();
    recordMetric(db, 'dashboard.first_frame_ms', firstFrameMs, options.label ?? null);
    recordMetric(db, 'dashboard.load', 1, options.label ?? null);
    await mountApp({
      deps,
      state,
      stdout: takeoverStream(out, lines.length),
      color,
      offline: options.offline,
      loadReport,
      refreshSeconds: config.dashboard.refreshSeconds,
      label: options.label,
    });
  } finally {
    early.release();
    process.removeListener('exit', restore);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
    restore();
  }
  if (realProcess) {
    // A hung provider socket or a module still loading must not keep the process alive after quit.
    setImmediate(() => process.exit()).unref();
  }
}

function statusOf(state: ReturnType<typeof initialState>, options: DashboardOptions, offline: boolean, live = true): string {
  const text = statusText(state).text;
  const base = offline || !live ? text : `${text} · connecting…`;
  return options.label ? `${options.label} · ${base}` : base;
}
