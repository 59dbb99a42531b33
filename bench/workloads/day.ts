/**
 * A simulated trading day on a fixed clock (Monday after the workload's NOW, UTC; the cache is first
 * brought up to Sunday 23:00 by a warm, outside the measured day):
 *   06:00 `warm` (as cron or the daemon's warm job would run it);
 *   the daemon's schedule at its defaults: quotes every 5 min for open markets, history at 22:30,
 *   FX at 23:00, run through the daemon's own planTick and job functions;
 *   a dashboard load every hour at hh:02 (the dashboard's refresh on open: held symbols + FX).
 * The cache hit rate is computed from the metrics the market service records (cache.hit /
 * cache.miss, by context) and the requests from http_log.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeps } from '../../src/deps.js';
import { jobFunctions } from '../../src/jobs/definitions.js';
import { planTick, type JobName } from '../../src/jobs/plan.js';
import { trackedSymbols } from '../../src/jobs/symbols.js';
import { buildHoldingsReport } from '../../src/ledger/holdings-report.js';
import { warm } from '../../src/jobs/warm.js';
import { refreshSymbols } from '../../src/ui/refresh-symbols.js';
import { startFakeYahoo } from '../../test/helpers/fake-yahoo.js';
import type { Workload } from './generate.js';
import { FAST, LATENCY_MS } from './network.js';

export const DAY = '2026-11-30';

export interface DayResult {
  /** Dashboard loads: share of the symbols they needed that the cache answered. */
  cacheHitRate: number;
  /** Every lookup of the day (warm, daemon, dashboards), refreshers included. */
  cacheHitRateAll: number;
  dashboardLoads: number;
  dashboardRequests: number;
  missesByDashboard: { at: string; misses: number }[];
  requestsByContext: Record<string, number>;
}

export async function simulateDay(w: Workload, dir: string): Promise<DayResult> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  copyFileSync(w.warmDb, join(dir, 'portfolio.db'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { requestsPerSecond: FAST.clientRps, concurrency: FAST.concurrency } }));
  let now = new Date(`${DAY}T00:00:00.000Z`);
  const fake = await startFakeYahoo({ latencyMs: LATENCY_MS, maxRequestsPerSecond: FAST.serverRps, now: () => now });
  const deps = createDeps({ env: { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url }, clock: { now: () => now } });
  const db = deps.db();
  const config = deps.config();
  const jobs = jobFunctions(deps);
  const signal = new AbortController().signal;
  const missesByDashboard: { at: string; misses: number }[] = [];
  // The evening before, the cache is as the previous day's warm and daemon left it: bring the
  // workload's Wednesday cache up to Sunday night first, outside the measured day.
  now = new Date(Date.parse(`${DAY}T00:00:00.000Z`) - 3_600_000);
  await warm(deps, { context: 'warm-up' });
  const since = new Date(`${DAY}T00:00:00.000Z`).toISOString();
  const sum = (name: string, where = ''): number =>
    (db.prepare(`SELECT COALESCE(SUM(value), 0) AS n FROM metrics WHERE name = ? AND ts >= ? ${where}`).get(name, since) as { n: number }).n;
  try {
    for (let minute = 0; minute < 24 * 60; minute++) {
      now = new Date(Date.parse(`${DAY}T00:00:00.000Z`) + minute * 60_000);
      const hh = Math.floor(minute / 60);
      const mm = minute % 60;
      const due: JobName[] = [];
      if (mm % 5 === 0) due.push('quotes'); // '*/5 * * * 1-5'
      if (hh === 22 && mm === 30) due.push('history'); // '30 22 * * 1-5'
      if (hh === 23 && mm === 0) due.push('fx'); // '0 23 * * *'
      if (hh === 6 && mm === 0) await warm(deps, { context: 'warm' });
      for (const job of due) {
        const plan = planTick({ job, now, busy: false, ttlSeconds: config.quoteTtlSeconds, symbols: trackedSymbols(db, config.baseCurrency, { open: job === 'quotes' }) });
        if (plan.run) await jobs[job]({ signal, symbols: plan.symbols });
      }
      if (mm === 2) {
        const before = sum('cache.miss', "AND context = 'dashboard'");
        const report = buildHoldingsReport(db, { baseCurrency: config.baseCurrency, costMethod: config.costMethod, now, ttlSeconds: config.quoteTtlSeconds });
        const market = await deps.market();
        await market.refreshQuotes(refreshSymbols(report), { context: 'dashboard' });
        missesByDashboard.push({ at: now.toISOString().slice(11, 16), misses: sum('cache.miss', "AND context = 'dashboard'") - before });
      }
    }
    const hit = sum('cache.hit', "AND context = 'dashboard'");
    const miss = sum('cache.miss', "AND context = 'dashboard'");
    const hitAll = sum('cache.hit');
    const missAll = sum('cache.miss');
    const byContext = db.prepare('SELECT COALESCE(context, \'?\') AS c, COUNT(*) AS n FROM http_log WHERE ts >= ? GROUP BY context').all(since) as { c: string; n: number }[];
    const requestsByContext = Object.fromEntries(byContext.map((r) => [r.c, r.n]));
    return {
      cacheHitRate: hit + miss === 0 ? 1 : hit / (hit + miss),
      cacheHitRateAll: hitAll + missAll === 0 ? 1 : hitAll / (hitAll + missAll),
      dashboardLoads: missesByDashboard.length,
      dashboardRequests: requestsByContext.dashboard ?? 0,
      missesByDashboard: missesByDashboard.filter((m) => m.misses > 0),
      requestsByContext,
    };
  } finally {
    (await deps.market()).close();
    deps.close();
    await fake.close();
  }
}
