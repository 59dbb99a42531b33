/**
 * `npm run bench` (all workloads) / `npm run bench -- --quick` (20 and 1,000 holdings, fewer runs).
 * Builds the app and this harness first (see package.json), then for each generated workload
 * measures first frame, refresh, API calls, a simulated day's cache hit rate, fault tolerance,
 * compute time and memory, and hledger on the same ledger; writes bench/results.json and prints a
 * table. Options: --quick, --runs N (first-frame launches), --only NAME, --no-hledger, --hledger-all
 * (hledger on the big workloads too: many GB of memory), --out FILE, --step refresh (only the refresh
 * measurement; writes bench/.work/results-refresh.json unless --out says otherwise), --markdown FILE
 * (measure nothing: print FILE's results as the Markdown table of docs/performance.md).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { simulateDay } from './workloads/day.js';
import { firstFrame } from './workloads/first-frame.js';
import { generate, NOW, type Workload, type WorkloadSpec } from './workloads/generate.js';
import { hasHledger, measureCompute, measureHledger, type HledgerTiming } from './workloads/compute.js';
import { CLIENT_CONCURRENCY, CLIENT_RPS, CONFIGURED_RPS, FAST, LATENCY_MS, measureColdAndWarm, measureFaults, measureRefresh, SERVER_RPS } from './workloads/network.js';
import { formatMarkdown, formatTable } from './workloads/table.js';
import { ROOT, round } from './workloads/util.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const markdownOf = opt('markdown');
if (markdownOf !== undefined) {
  process.stdout.write(formatMarkdown(JSON.parse(readFileSync(markdownOf, 'utf8'))));
  process.exit(0);
}
const quick = flag('quick');
const runs = Number(opt('runs') ?? (quick ? 7 : 15));
const onlyStep = opt('step');
if (onlyStep !== undefined && onlyStep !== 'refresh') throw new Error(`--step: only 'refresh' can run alone, not ${onlyStep}`);
const out = opt('out') ?? join(ROOT, 'bench', onlyStep ? join('.work', `results-${onlyStep}.json`) : 'results.json');

const SPECS: WorkloadSpec[] = [
  { name: '20x4y', holdings: 20, years: 4 },
  { name: '1000x10y', holdings: 1000, years: 10 },
  ...(quick ? [] : [{ name: '2000x10y', holdings: 2000, years: 10 }]),
].filter((s) => !opt('only') || s.name === opt('only'));

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const root = mkdtempSync(join(tmpdir(), 'portfolio-bench-'));
const started = Date.now();
const workloads: Record<string, unknown>[] = [];
const withHledger = !flag('no-hledger') && hasHledger();

try {
  for (const spec of SPECS) {
    let t = performance.now();
    const w = generate(spec, root);
    log(`${spec.name}: generated ${w.transactions} transactions, ${w.closes} closes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const step = async <T>(what: string, fn: () => Promise<T> | T): Promise<T> => {
      t = performance.now();
      const r = await fn();
      log(`${spec.name}: ${what} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      return r;
    };
    if (onlyStep === 'refresh') {
      const { refreshKeys, refreshDetails } = await refreshPair(w, spec);
      workloads.push({ name: spec.name, holdings: spec.holdings, years: spec.years, ...refreshKeys, details: { refresh: refreshDetails } });
      rmSync(w.dir, { recursive: true, force: true });
      continue;
    }
    const ff = await step('first frame', () => firstFrame(join(w.dir, 'ff'), w.warmDb, runs, 'q quit'));
    const { refreshKeys, refreshDetails } = await refreshPair(w, spec);
    const cold = await step('cold warm + warm dashboard', () => measureColdAndWarm(w, join(w.dir, 'cold')));
    const day = await step('simulated day', () => simulateDay(w, join(w.dir, 'day')));
    const faults = await step('faults', () => measureFaults(w, join(w.dir, 'faults')));
    const compute = await step('compute', () => measureCompute(w.warmDb));
    let hledger: HledgerTiming | { skipped: string } = { skipped: withHledger ? 'large workload: run with --hledger-all' : 'hledger not on PATH' };
    // hledger holds every P directive in memory: on 1,000 x 10 years (2.6M prices) `roi` ran past
    // 10 minutes at 12 GB RSS here, so big workloads are opt-in (--hledger-all).
    if (withHledger && (spec.holdings <= 100 || flag('hledger-all'))) {
      try {
        hledger = await step('hledger', () => measureHledger(w.warmDb, join(w.dir, 'hledger'), quick ? 90_000 : 600_000));
      } catch (err) {
        hledger = { skipped: (err as Error).message.slice(0, 200) };
      }
    }
    workloads.push({
      name: spec.name,
      holdings: spec.holdings,
      years: spec.years,
      transactions: w.transactions,
      closes: w.closes,
      firstFrameMs: round(ff.firstFrameMs, 1),
      floorMs: round(ff.floorMs, 1),
      firstFrameRatio: round(ff.firstFrameMs / ff.floorMs, 2),
      ...refreshKeys,
      apiCallsCold: cold.apiCallsCold,
      apiCallsMinCold: cold.apiCallsMinCold,
      apiCallsWarm: cold.apiCallsWarm,
      cacheHitRate: round(day.cacheHitRate, 4),
      errorRateUnderFaults: round(faults.errorRateUnderFaults, 4),
      computeMs: round(compute.computeMs, 1),
      peakRssMb: round(compute.peakRssMb, 1),
      details: {
        firstFrameSamplesMs: { dashboard: ff.samples.dashboard.map((x) => round(x, 1)), floor: ff.samples.floor.map((x) => round(x, 1)) },
        refresh: refreshDetails,
        cold: { byEndpoint: cold.coldByEndpoint, warmCommandMs: round(cold.coldWarmMs), warmDashboardRequests: cold.warmDashboardRequests.slice(0, 10) },
        day: { ...day, cacheHitRateAll: round(day.cacheHitRateAll, 4) },
        faults,
        hledger,
      },
    });
    rmSync(w.dir, { recursive: true, force: true });
  }
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30, 1), platform: `${process.platform} ${process.arch}` },
    node: process.version,
    mode: onlyStep ? `${quick ? 'quick' : 'full'}, --step ${onlyStep}` : quick ? 'quick' : 'full',
    firstFrameRuns: runs,
    benchNow: NOW,
    conventions: {
      fakeServer: { latencyMs: LATENCY_MS, rateLimitPerSecond: SERVER_RPS, window: 'sliding 1 s, 429 above it' },
      client: { requestsPerSecond: CLIENT_RPS, concurrency: CLIENT_CONCURRENCY, note: 'defaults of config yahoo.requestsPerSecond / yahoo.concurrency' },
      refreshRates: {
        refreshMs: `yahoo.requestsPerSecond configured to ${CONFIGURED_RPS} (95% of the server's ${SERVER_RPS}/s limit, a documented user setting); refreshRatio = refreshMs / refreshFloorMs`,
        refreshMsDefaultRate: `the client's default yahoo.requestsPerSecond ${CLIENT_RPS}; refreshRatioDefaultRate = refreshMsDefaultRate / refreshFloorMs`,
        runs: 'median of 7 runs (<= 100 holdings) or 3; 429s seen in details.refresh.{configuredRate,defaultRate}.status429 (summed over the runs)',
      },
      countingRuns: { ...FAST, note: 'cold warm and simulated day only count requests; both limits raised to keep the run short' },
      apiCallsMinCold: 'ceil((symbols + FX pairs) / 50) quote requests + one history request per symbol and FX pair + 2 (cookie, crumb); every HTTP request counted',
      refreshFloorMs: '(ceil((symbols + FX pairs) / 50) - 1) requests spaced at the server limit + one latency (the same floor for both rates)',
      cacheHitRate: 'dashboard loads over the simulated day: symbols answered from the cache / symbols needed (metrics cache.hit / cache.miss, context dashboard); details.day.cacheHitRateAll counts the refreshers too',
      errorRateUnderFaults: 'symbols with any error after `portfolio warm --force` while 20% of requests answer 500 / symbols',
    },
    durationSeconds: round((Date.now() - started) / 1000),
    workloads,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(onlyStep ? `${JSON.stringify(workloads, null, 2)}\n` : formatTable(results));
  log(`wrote ${out} in ${results.durationSeconds} s`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

/**
 * Refresh: the headline keys with requestsPerSecond configured to 95% of the server's limit (a
 * user setting), *DefaultRate at the client's default; the median of a few runs of each.
 */
async function refreshPair(w: Workload, spec: WorkloadSpec) {
  const refreshRuns = spec.holdings <= 100 ? 7 : 3;
  const step = stepOf(spec.name);
  const refresh = await step('refresh (configured rate)', () => measureRefresh(w, join(w.dir, 'refresh'), CONFIGURED_RPS, refreshRuns));
  const refreshDefault = await step('refresh (default rate)', () => measureRefresh(w, join(w.dir, 'refresh-default'), CLIENT_RPS, refreshRuns));
  const refreshKeys = {
    refreshMs: round(refresh.refreshMs, 1),
    refreshFloorMs: round(refresh.refreshFloorMs, 1),
    refreshRatio: round(refresh.refreshMs / refresh.refreshFloorMs, 2),
    refreshMsDefaultRate: round(refreshDefault.refreshMs, 1),
    refreshRatioDefaultRate: round(refreshDefault.refreshMs / refreshDefault.refreshFloorMs, 2),
  };
  const refreshDetails = {
    configuredRate: { ...refresh, refreshMs: round(refresh.refreshMs, 1), samplesMs: refresh.samplesMs.map((x) => round(x, 1)) },
    defaultRate: { ...refreshDefault, refreshMs: round(refreshDefault.refreshMs, 1), samplesMs: refreshDefault.samplesMs.map((x) => round(x, 1)) },
  };
  return { refreshKeys, refreshDetails };
}

function stepOf(name: string) {
  return async <T>(what: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    log(`${name}: ${what} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
}
