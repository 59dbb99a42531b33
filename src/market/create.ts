/**
 * Builds the market service for the configured provider: `sim` (no network) or `yahoo` (got behind
 * the shared limiter and the SQLite breaker). got and bottleneck are imported here, lazily, so
 * commands that never fetch never pay for them.
 */
import type { Config } from '../config.js';
import type { Db } from '../store/db.js';
import { createAlertListener } from '../alerts/alert-hook.js';
import { createHttpClient } from './http.js';
import { createSimProvider } from './providers/sim.js';
import { createYahooProvider } from './providers/yahoo.js';
import { createService } from './service.js';
import type { MarketProvider, MarketService } from './types.js';

export interface MarketServiceOptions {
  db: Db;
  config: Config;
  now: () => Date;
  /** Replace the provider (tests). */
  provider?: MarketProvider;
  /** API keys and base URLs (PORTFOLIO_*_KEY, PORTFOLIO_*_URL); default: none. */
  env?: NodeJS.ProcessEnv;
  /** How the HTTP client waits between attempts (tests: a virtual sleep that moves their clock). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function createProvider(options: MarketServiceOptions): Promise<MarketProvider> {
  const { db, config, now } = options;
  if (config.provider === 'sim') return createSimProvider({ now, db });
  if (options.env) {
    const { createChainProvider } = await import('./chain/build.js');
    return createChainProvider({ db, config, now, env: options.env });
  }
  const y = config.yahoo;
  const http = await createHttpClient({
    db,
    now,
    provider: 'yahoo',
    config: {
      timeoutMs: y.timeoutMs,
      connectTimeoutMs: Math.min(y.connectTimeoutMs, y.timeoutMs),
      retries: y.retries,
      backoffMs: y.backoffMs,
      maxRetryAfterSeconds: y.maxRetryAfterSeconds,
      maxBodyBytes: y.maxBodyBytes,
      requestsPerSecond: y.requestsPerSecond,
      concurrency: y.concurrency,
    },
    breaker: config.breaker,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return createYahooProvider({ db, http, now, baseUrl: y.baseUrl });
}

/** What the market service needs from the app's dependencies (src/deps.ts provides it). */
export interface MarketDeps {
  db(): Db;
  config(): Config;
  clock: { now(): Date };
  env: NodeJS.ProcessEnv;
}

/** A market service over explicit parts (tests, benchmarks). */
export async function createMarketServiceWith(options: MarketServiceOptions): Promise<MarketService> {
  const provider = options.provider ?? (await createProvider(options));
  return createService({ db: options.db, now: options.now, config: options.config, provider });
}

/** Builds the market service for the configured provider from the app's dependencies. */
export async function createMarketService(deps: MarketDeps): Promise<MarketService> {
  const service = await createMarketServiceWith({ db: deps.db(), config: deps.config(), now: () => deps.clock.now(), env: deps.env });
  // Price alerts are checked wherever quotes land: daemon, warm and dashboard.
  service.onQuotesStored(createAlertListener({ db: deps.db(), config: deps.config(), now: () => deps.clock.now(), env: deps.env }));
  return service;
}
