/**
 * A provider chain over loopback fakes of all five providers, a temp database and a settable
 * clock. Keys and base URLs go through the environment as a user would set them.
 */
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import { createMarketServiceWith } from '../../src/market/create.js';
import type { MarketService } from '../../src/market/types.js';
import { openDb, type Db } from '../../src/store/db.js';
import { startFakeAlphaVantage, type AlphaVantageSwitches, type FakeAlphaVantage } from '../helpers/fake-alphavantage.js';
import { startFakeCoinGecko, type CoinGeckoSwitches, type FakeCoinGecko } from '../helpers/fake-coingecko.js';
import { startFakeEcb, type FakeEcb } from '../helpers/fake-ecb.js';
import type { FakeSwitches } from '../helpers/fake-http.js';
import { startFakeTiingo, type FakeTiingo, type TiingoSwitches } from '../helpers/fake-tiingo.js';
import { startFakeYahoo, type FakeYahoo, type FakeYahooOptions } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { fastConfig, OPEN_NOW } from './harness.js';

export interface ChainHarness {
  db: Db;
  yahoo: FakeYahoo;
  ecb: FakeEcb;
  gecko: FakeCoinGecko;
  tiingo: FakeTiingo;
  av: FakeAlphaVantage;
  env: NodeJS.ProcessEnv;
  config: Config;
  clock: { now: () => Date; advance(ms: number): void };
  service(config?: Config): Promise<MarketService>;
  close(): Promise<void>;
}

export interface ChainHarnessOptions {
  now?: string;
  yahoo?: Partial<FakeYahooOptions>;
  ecb?: Partial<FakeSwitches>;
  gecko?: Partial<CoinGeckoSwitches>;
  tiingo?: Partial<TiingoSwitches>;
  av?: Partial<AlphaVantageSwitches>;
  keys?: { tiingo?: boolean; alphavantage?: boolean };
  config?: Record<string, unknown>;
}

export async function chainHarness(o: ChainHarnessOptions = {}): Promise<ChainHarness> {
  let t = Date.parse(o.now ?? OPEN_NOW);
  const clock = { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
  const [yahoo, ecb, gecko, tiingo, av] = await Promise.all([
    startFakeYahoo({ now: clock.now, ...o.yahoo }),
    startFakeEcb(o.ecb),
    startFakeCoinGecko({ now: clock.now, ...o.gecko }),
    startFakeTiingo(o.tiingo),
    startFakeAlphaVantage({ now: clock.now, ...o.av }),
  ]);
  const env: NodeJS.ProcessEnv = {
    PORTFOLIO_ECB_URL: ecb.url,
    PORTFOLIO_COINGECKO_URL: gecko.url,
    PORTFOLIO_TIINGO_URL: tiingo.url,
    PORTFOLIO_ALPHAVANTAGE_URL: av.url,
    ...(o.keys?.tiingo !== false ? { PORTFOLIO_TIINGO_KEY: tiingo.switches.key } : {}),
    ...(o.keys?.alphavantage ? { PORTFOLIO_ALPHAVANTAGE_KEY: av.switches.key } : {}),
  };
  const db = openDb(join(tempDir(), 'portfolio.db'));
  const config = fastConfig(yahoo.url, {
    ecb: { requestsPerSecond: 100 }, coingecko: { requestsPerSecond: 100 }, tiingo: { requestsPerSecond: 100 }, alphavantage: { requestsPerSecond: 100 },
    ...o.config,
  });
  const services: MarketService[] = [];
  return {
    db, yahoo, ecb, gecko, tiingo, av, env, config, clock,
    async service(c = config) {
      const s = await createMarketServiceWith({ db, config: c, now: clock.now, env });
      services.push(s);
      return s;
    },
    async close() {
      for (const s of services) s.close();
      await Promise.all([yahoo.close(), ecb.close(), gecko.close(), tiingo.close(), av.close()]);
      db.close();
    },
  };
}
