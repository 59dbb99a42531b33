/**
 * Builds the provider chain from config and environment: one HTTP client (own limiter, own SQLite
 * breaker, own request log name) per provider, keyed providers only when their key is set
 * (PORTFOLIO_TIINGO_KEY, PORTFOLIO_ALPHAVANTAGE_KEY, PORTFOLIO_COINGECKO_KEY or `apiKey` in the
 * provider's config section), base URLs from PORTFOLIO_<NAME>_URL or `baseUrl`.
 */
import type { Config } from '../../config.js';
import type { Db } from '../../store/db.js';
import { instrumentReader } from '../../store/instruments.js';
import { createHttpClient, type HttpConfig } from '../http.js';
import { createAlphaVantageProvider } from '../providers/alphavantage.js';
import { createCoinGeckoProvider } from '../providers/coingecko.js';
import { usTicker } from '../providers/common.js';
import { createEcbProvider } from '../providers/ecb.js';
import { createTiingoProvider } from '../providers/tiingo.js';
import { createYahooProvider, DEFAULT_YAHOO_URL } from '../providers/yahoo.js';
import type { MarketProvider } from '../types.js';
import { createChain } from './chain.js';
import type { ChainMember } from './member.js';
import { createRouter, KEY_HINT } from './order.js';

export interface ChainOptions {
  db: Db;
  config: Config;
  now: () => Date;
  env: NodeJS.ProcessEnv;
}

type Keyed = 'tiingo' | 'alphavantage' | 'coingecko';

export function apiKeyOf(config: Config, env: NodeJS.ProcessEnv, name: Keyed): string | undefined {
  const fromEnv = env[`PORTFOLIO_${name.toUpperCase()}_KEY`];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : config[name].apiKey;
}

export function baseUrlOf(config: Config, env: NodeJS.ProcessEnv, name: 'ecb' | Keyed): string | undefined {
  return env[`PORTFOLIO_${name.toUpperCase()}_URL`] || config[name].baseUrl;
}

/** Yahoo's form of a US class share: BRK.B -> BRK-B; other symbols unchanged. */
export function yahooSymbol(symbol: string): string {
  return /^[A-Z]+\.[A-Z]$/.test(symbol) && usTicker(symbol) ? (usTicker(symbol) as string) : symbol;
}

export async function createChainProvider(o: ChainOptions): Promise<MarketProvider> {
  const { db, config, now, env } = o;
  const y = config.yahoo;
  // The ECB's full history and CoinGecko's coin list are several MB.
  const http = (provider: string, requestsPerSecond: number) => {
    const c: HttpConfig = {
      timeoutMs: y.timeoutMs, connectTimeoutMs: Math.min(y.connectTimeoutMs, y.timeoutMs), retries: y.retries, backoffMs: y.backoffMs,
      maxRetryAfterSeconds: y.maxRetryAfterSeconds, maxBodyBytes: Math.max(y.maxBodyBytes, provider === 'ecb' || provider === 'coingecko' ? 50_000_000 : 0), requestsPerSecond, concurrency: y.concurrency,
    };
    return createHttpClient({ db, now, provider, config: c, breaker: config.breaker });
  };
  const members = new Map<string, ChainMember & { alias?: (s: string) => string }>();
  const yahooHttp = await http('yahoo', y.requestsPerSecond);
  const yahoo = createYahooProvider({ db, http: yahooHttp, now, baseUrl: y.baseUrl });
  members.set('yahoo', { ...yahoo, classes: ['equity', 'etf', 'fund', 'crypto', 'fx'], alias: yahooSymbol });
  members.set('ecb', createEcbProvider({ db, http: await http('ecb', config.ecb.requestsPerSecond), now, baseUrl: baseUrlOf(config, env, 'ecb') }));
  const geckoIds = new Map(Object.entries(config.symbols).filter(([, s]) => s.provider === 'coingecko' && s.symbol).map(([k, s]) => [k, s.symbol as string]));
  members.set('coingecko', createCoinGeckoProvider({
    db, http: await http('coingecko', config.coingecko.requestsPerSecond), now, baseUrl: baseUrlOf(config, env, 'coingecko'), apiKey: apiKeyOf(config, env, 'coingecko'), ids: geckoIds,
  }));
  const tiingoKey = apiKeyOf(config, env, 'tiingo');
  if (tiingoKey) members.set('tiingo', createTiingoProvider({ http: await http('tiingo', config.tiingo.requestsPerSecond), apiKey: tiingoKey, baseUrl: baseUrlOf(config, env, 'tiingo') }));
  const avKey = apiKeyOf(config, env, 'alphavantage');
  if (avKey) {
    members.set('alphavantage', createAlphaVantageProvider({
      db, http: await http('alphavantage', config.alphavantage.requestsPerSecond), now, apiKey: avKey, baseUrl: baseUrlOf(config, env, 'alphavantage'), dailyLimit: config.alphavantage.dailyLimit,
    }));
  }
  const available = new Set(members.keys());
  // A redirected base URL (a mirror, a test server): the defaults use only redirected providers.
  const redirected = new Set<string>();
  if (y.baseUrl) redirected.add('yahoo');
  for (const n of ['ecb', 'coingecko', 'tiingo', 'alphavantage'] as const) if (baseUrlOf(config, env, n)) redirected.add(n);
  const byDefault = redirected.size > 0 ? new Set([...available].filter((n) => redirected.has(n))) : available;
  const instruments = instrumentReader(db);
  const route = createRouter(config, available, instruments.quoteType, byDefault);
  const hint = available.has('tiingo') || available.has('alphavantage') ? null : KEY_HINT;
  const instrument = instruments.zoneAndCurrency;
  const spark = {
    db, http: yahooHttp, base: (y.baseUrl ?? DEFAULT_YAHOO_URL).replace(/\/+$/, ''), now, alias: yahooSymbol,
    tz: (s: string) => instrument(s)?.tz ?? null, currency: (s: string) => instrument(s)?.currency ?? null,
  };
  return createChain({ db, now, members, route, maxMove: config.maxMove, breaker: config.breaker, hint, spark });
}
