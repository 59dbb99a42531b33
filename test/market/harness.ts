/** Shared set-up for market tests: a temp database, a fake Yahoo, a fixed clock and fast timeouts. */
import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/config.js';
import { createMarketServiceWith } from '../../src/market/create.js';
import type { MarketService } from '../../src/market/types.js';
import { openDb, type Db } from '../../src/store/db.js';
import { startFakeYahoo, type FakeYahoo, type FakeYahooOptions } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';

export interface Harness {
  db: Db;
  dbPath: string;
  fake: FakeYahoo;
  config: Config;
  clock: { now: () => Date; set(iso: string): void; advance(ms: number): void };
  /** The waits the HTTP client asked for (virtual time only). */
  sleeps: number[];
  service(): Promise<MarketService>;
  close(): Promise<void>;
}

export function fastConfig(url: string, extra: Record<string, unknown> = {}): Config {
  const { yahoo, breaker, ...rest } = extra as { yahoo?: object; breaker?: object };
  return parseConfig({
    provider: 'yahoo',
    yahoo: { baseUrl: url, timeoutMs: 300, connectTimeoutMs: 200, retries: 2, backoffMs: 5, requestsPerSecond: 100, concurrency: 4, ...yahoo },
    breaker: { failureThreshold: 5, cooldownSeconds: 60, ...breaker },
    ...rest,
  });
}

/** Wednesday 2025-03-05 15:00Z: US and European markets open. */
export const OPEN_NOW = '2025-03-05T15:00:00Z';

/**
 * `virtualTime`: the client's waits (backoff, Retry-After) do not sleep; they move the harness clock,
 * which also stamps the fake's requests and drives its per-second window. Waiting is then checked
 * on that clock, with no real time spent.
 */
export async function harness(options: { now?: string; fake?: Partial<FakeYahooOptions>; config?: Record<string, unknown>; virtualTime?: boolean } = {}): Promise<Harness> {
  let t = Date.parse(options.now ?? OPEN_NOW);
  const clock = { now: () => new Date(t), set: (iso: string) => void (t = Date.parse(iso)), advance: (ms: number) => void (t += ms) };
  const sleeps: number[] = [];
  const virtual = options.virtualTime
    ? {
        requestClock: () => t,
        sleep: async (ms: number) => {
          sleeps.push(ms);
          t += ms;
          await Promise.resolve();
        },
      }
    : null;
  const fake = await startFakeYahoo({ now: clock.now, ...(virtual ? { requestClock: virtual.requestClock } : {}), ...options.fake });
  const dbPath = join(tempDir(), 'portfolio.db');
  const db = openDb(dbPath);
  const config = fastConfig(fake.url, options.config);
  const services: MarketService[] = [];
  return {
    db,
    dbPath,
    fake,
    config,
    clock,
    sleeps,
    async service() {
      const s = await createMarketServiceWith({ db, config, now: clock.now, ...(virtual ? { sleep: virtual.sleep } : {}) });
      services.push(s);
      return s;
    },
    async close() {
      for (const s of services) s.close();
      await fake.close();
      db.close();
    },
  };
}

export function symbolsN(n: number, prefix = 'S'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}
