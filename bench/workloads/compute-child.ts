/**
 * Child process for computeMs / peakRssMb: opens the database, builds the holdings report and every
 * named period's performance (what `portfolio holdings` + `portfolio performance` compute), and
 * prints the time and the process's peak RSS (VmHWM) as JSON. Run in a fresh process so the peak
 * belongs to this work alone.
 */
import { readFileSync } from 'node:fs';
import { buildHoldingsReport } from '../../src/ledger/holdings-report.js';
import { performanceReport } from '../../src/returns/performance.js';
import { openDb } from '../../src/store/db.js';

const [dbPath, nowIso] = process.argv.slice(2) as [string, string];
const db = openDb(dbPath);
const now = new Date(nowIso);
const t0 = performance.now();
const holdings = buildHoldingsReport(db, { baseCurrency: 'USD', costMethod: 'avg', now, ttlSeconds: 300 });
const perf = performanceReport(db, { today: nowIso.slice(0, 10), baseCurrency: 'USD' });
const ms = performance.now() - t0;
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const max = perf.periods.find((p) => p.period === 'MAX');
process.stdout.write(
  JSON.stringify({ ms, peakRssMb: hwm ? Number(hwm[1]) / 1024 : null, holdings: holdings.holdings.length, marketValue: holdings.totals.marketValue, maxTwr: max?.twr ?? null, periods: perf.periods.length }),
);
db.close();
