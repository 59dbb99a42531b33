/**
 * Network-facing measurements against the fake Yahoo server on loopback (50 ms latency, a rate limit):
 *   - refresh: a cold refresh of every quote (force), in-process through the real MarketService +
 *     got + bottleneck, after the session (cookie, crumb) exists: once with yahoo.requestsPerSecond
 *     configured to 95% of the server's limit, once at the client's default (4/s);
 *   - cold: `portfolio warm --json` on the transactions-only ledger (quotes, full history, FX);
 *   - warm dashboard: the real dashboard in a pty right after that warm; requests counted;
 *   - faults: `portfolio warm --force --json` on a warm cache while 20% of requests answer 500.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clockStartingAt, createDeps } from '../../src/deps.js';
import { startFakeYahoo, type FakeYahoo } from '../../test/helpers/fake-yahoo.js';
import { NOW, type Workload } from './generate.js';
import { timePty } from './first-frame.js';
import { BIN, cli, median } from './util.js';

export const LATENCY_MS = 50;
/** The fake server's limit (sliding one-second window, 429 above it). */
export const SERVER_RPS = 5;
/** The client's defaults (config yahoo.requestsPerSecond / concurrency): 80% of the limit, so jitter never trips it. */
export const CLIENT_RPS = 4;
/** A user who knows the provider's limit sets yahoo.requestsPerSecond to 95% of it (documented in docs/market-data.md). */
export const CONFIGURED_RPS = 0.95 * SERVER_RPS;
export const CLIENT_CONCURRENCY = 2;
/** Counting runs (cold warm, simulated day): request counts do not depend on speed, so both limits are raised. */
export const FAST = { serverRps: 120, clientRps: 100, concurrency: 8 };

/** The fake server's clock follows the benchmark's NOW (advancing in real time), like PORTFOLIO_NOW. */
export function benchClock(offsetMs = 0): () => Date {
  const clock = clockStartingAt(new Date(Date.parse(NOW) + offsetMs).toISOString());
  return () => clock.now();
}

export async function fakeServer(rps: number): Promise<FakeYahoo> {
  return startFakeYahoo({ latencyMs: LATENCY_MS, maxRequestsPerSecond: rps, now: benchClock() });
}

function home(dir: string, db: string, config?: object): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  copyFileSync(db, join(dir, 'portfolio.db'));
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return dir;
}

export interface RefreshTiming {
  /** Median of the runs. */
  refreshMs: number;
  refreshFloorMs: number;
  /** The client's yahoo.requestsPerSecond for these runs. */
  clientRps: number;
  samplesMs: number[];
  quoteRequests: number;
  symbols: number;
  failed: number;
  /** 429 answers over all runs. */
  status429: number;
}

/** The least time: k requests can start no faster than the server's limit allows, the last one then takes one latency. */
export function refreshFloor(symbols: number, batch = 50): number {
  const k = Math.ceil(symbols / batch);
  return ((k - 1) * 1000) / SERVER_RPS + LATENCY_MS;
}

/**
 * Cold refreshes of every quote (force) with `yahoo.requestsPerSecond` = clientRps set in the config
 * file, as a user would; the median of `runs`, each after an idle second (an empty rate window).
 */
export async function measureRefresh(w: Workload, dir: string, clientRps = CLIENT_RPS, runs = 1): Promise<RefreshTiming> {
  const fake = await fakeServer(SERVER_RPS);
  const h = home(dir, w.warmDb, { yahoo: { requestsPerSecond: clientRps, concurrency: CLIENT_CONCURRENCY } });
  const deps = createDeps({ env: { PORTFOLIO_HOME: h, PORTFOLIO_YAHOO_URL: fake.url }, clock: { now: benchClock() } });
  try {
    const market = await deps.market();
    const all = [...w.fxPairs, ...w.symbols];
    // The session (cookie + crumb, kept 7 days) and the connection exist, as on any refresh but the very first.
    await market.refreshQuotes([all[0] as string], { force: true, context: 'bench' });
    const samplesMs: number[] = [];
    let quoteRequests = 0;
    let failed = 0;
    let status429 = 0;
    for (let i = 0; i < runs; i++) {
      await new Promise((r) => setTimeout(r, 1100)); // an idle limiter and an empty rate window
      fake.reset();
      const t0 = performance.now();
      const r = await market.refreshQuotes(all, { force: true, context: 'bench' });
      samplesMs.push(performance.now() - t0);
      quoteRequests = fake.count('quote');
      failed = Math.max(failed, r.failed.length);
      status429 += fake.requests.filter((q) => q.status === 429).length;
    }
    return { refreshMs: median(samplesMs), refreshFloorMs: refreshFloor(all.length), clientRps, samplesMs, quoteRequests, symbols: all.length, failed, status429 };
  } finally {
    (await deps.market()).close();
    deps.close();
    await fake.close();
  }
}

export interface ColdAndWarm {
  apiCallsCold: number;
  apiCallsMinCold: number;
  coldByEndpoint: Record<string, number>;
  coldWarmMs: number;
  coldExit: number | null;
  apiCallsWarm: number;
  warmDashboardRequests: string[];
}

/**
 * Minimum for a cold cache: ceil((symbols + FX pairs) / 50) quote requests + one history request
 * per symbol and per FX pair + 2 for the session (cookie, crumb). Every HTTP request counts.
 */
export function minColdCalls(w: Workload): number {
  return Math.ceil((w.symbols.length + w.fxPairs.length) / 50) + w.symbols.length + w.fxPairs.length + 2;
}

export async function measureColdAndWarm(w: Workload, dir: string): Promise<ColdAndWarm> {
  const fake = await fakeServer(FAST.serverRps);
  const h = home(dir, w.ledgerDb, { yahoo: { requestsPerSecond: FAST.clientRps, concurrency: FAST.concurrency } });
  const env = { PORTFOLIO_HOME: h, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW };
  try {
    const cold = await cli(['warm', '--json'], env);
    if (cold.code !== 0) throw new Error(`cold warm exited ${cold.code}: ${cold.stderr.slice(0, 500)}`);
    const coldByEndpoint: Record<string, number> = {};
    for (const r of fake.requests) coldByEndpoint[r.endpoint] = (coldByEndpoint[r.endpoint] ?? 0) + 1;
    const apiCallsCold = fake.count();
    fake.reset();
    // A dashboard load right after: the real binary in a pty, live (not --offline), held open 3 s.
    const ptyEnv = { PATH: process.env.PATH ?? '', HOME: h, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env, PORTFOLIO_NOW: new Date(Date.parse(NOW) + 120_000).toISOString() };
    await timePty([BIN, 'dashboard'], ptyEnv, 'q quit', 60_000, 3000);
    return {
      apiCallsCold,
      apiCallsMinCold: minColdCalls(w),
      coldByEndpoint,
      coldWarmMs: cold.ms,
      coldExit: cold.code,
      apiCallsWarm: fake.count(),
      warmDashboardRequests: fake.requests.map((r) => `${r.endpoint} ${r.symbols.slice(0, 3).join(',')}`),
    };
  } finally {
    await fake.close();
  }
}

export interface Faults {
  errorRateUnderFaults: number;
  failedSymbols: number;
  symbols: number;
  exit: number | null;
  requests: number;
  failedRequests: number;
  stackTraceShown: boolean;
}

export async function measureFaults(w: Workload, dir: string): Promise<Faults> {
  const fake = await fakeServer(SERVER_RPS);
  fake.set({ failRate: 0.2, failStatus: 500, seed: 7 });
  const h = home(dir, w.warmDb);
  try {
    const r = await cli(['warm', '--force', '--json'], { PORTFOLIO_HOME: h, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW });
    const summary = JSON.parse(r.stdout) as { quotes: { failed: number; fetched: number }; history: { failed: number }; errors: { symbol: string }[] };
    const symbols = w.symbols.length + w.fxPairs.length;
    const failedSymbols = new Set(summary.errors.map((e) => e.symbol)).size;
    return {
      errorRateUnderFaults: failedSymbols / symbols,
      failedSymbols,
      symbols,
      exit: r.code,
      requests: fake.count(),
      failedRequests: fake.requests.filter((q) => q.status === 500).length,
      stackTraceShown: /\n\s+at /.test(r.stderr),
    };
  } finally {
    await fake.close();
  }
}
