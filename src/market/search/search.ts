/**
 * Symbol search across the providers that can search: Yahoo and CoinGecko for names and tickers,
 * OpenFIGI (and Yahoo) for ISINs; the simulated market's own list under PORTFOLIO_PROVIDER=sim.
 * Providers are asked in parallel; one that fails is named and the others' results still count.
 */
import { InputError, UsageError } from '../../base/errors.js';
import type { Config } from '../../config.js';
import { checkIsin, looksLikeIsin } from '../../core/isin.js';
import type { Db } from '../../store/db.js';
import { createHttpClient, type HttpConfig } from '../http.js';
import { createCoinGeckoSearch } from './coingecko-search.js';
import { createOpenFigi } from './openfigi.js';
import { rankHits } from './rank.js';
import { createSimSearch } from './sim-search.js';
import type { SearchClient, SearchHit } from './types.js';
import { createYahooSearch } from './yahoo-search.js';

export const MAX_QUERY_LENGTH = 100;

export interface SearchDeps {
  db: Db;
  config: Config;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export interface SearchOutcome {
  query: string;
  isin: string | null;
  results: SearchHit[];
  failures: { source: string; message: string }[];
  /** Providers asked (failed ones included). */
  sources: string[];
}

/** Trims, folds unicode look-alikes (NFKC: full-width letters become ASCII) and drops control characters. */
export function normalizeQuery(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const q = raw.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (q === '') throw new UsageError('search needs a query: a name, a ticker or an ISIN (e.g. portfolio search apple)');
  if ([...q].length > MAX_QUERY_LENGTH) throw new InputError(`the query is too long (${[...q].length} characters; at most ${MAX_QUERY_LENGTH})`);
  return q;
}

/** Search HTTP: one retry and a shorter timeout than refreshes (a person is waiting). */
export function searchHttpConfig(config: Config, options: { quick?: boolean } = {}): HttpConfig {
  const y = config.yahoo;
  const timeoutMs = Math.min(y.timeoutMs, options.quick ? 4_000 : 8_000);
  return {
    timeoutMs,
    connectTimeoutMs: Math.min(y.connectTimeoutMs, timeoutMs),
    retries: options.quick ? 0 : Math.min(1, y.retries),
    backoffMs: y.backoffMs,
    maxRetryAfterSeconds: 5,
    maxBodyBytes: y.maxBodyBytes,
    requestsPerSecond: y.requestsPerSecond,
    concurrency: y.concurrency,
  };
}

export async function searchClients(deps: SearchDeps, kind: 'text' | 'isin', options: { quick?: boolean } = {}): Promise<SearchClient[]> {
  if (deps.config.provider === 'sim') return [createSimSearch()];
  // One command makes one request per provider, well inside CoinGecko's and OpenFIGI's keyless
  // limits (about 30 and 25 a minute), so the shared limiter's usual spacing is enough.
  const http = (provider: string) => createHttpClient({ db: deps.db, now: deps.now, provider, config: searchHttpConfig(deps.config, options), breaker: deps.config.breaker });
  const clients: SearchClient[] = [createYahooSearch(await http('yahoo'), deps.config.yahoo.baseUrl)];
  if (kind === 'isin') {
    clients.push(createOpenFigi(await http('openfigi'), { baseUrl: deps.env.PORTFOLIO_OPENFIGI_URL, apiKey: deps.env.PORTFOLIO_OPENFIGI_KEY }));
  } else {
    clients.push(createCoinGeckoSearch(await http('coingecko'), { baseUrl: deps.env.PORTFOLIO_COINGECKO_URL, apiKey: deps.env.PORTFOLIO_COINGECKO_KEY }));
  }
  return clients;
}

/** Asks every client at once; a failure is reported by name, the others' hits still returned. */
export async function askAll(clients: readonly SearchClient[], query: string, signal?: AbortSignal): Promise<{ groups: SearchHit[][]; failures: { source: string; message: string }[] }> {
  const settled = await Promise.allSettled(clients.map((c) => c.search(query, signal)));
  const groups: SearchHit[][] = [];
  const failures: { source: string; message: string }[] = [];
  settled.forEach((s, i) => {
    const name = (clients[i] as SearchClient).name;
    if (s.status === 'fulfilled') groups.push(s.value);
    else failures.push({ source: name, message: (s.reason as Error)?.message ?? String(s.reason) });
  });
  return { groups, failures };
}

export async function searchSymbols(deps: SearchDeps, rawQuery: string, options: { signal?: AbortSignal; limit?: number } = {}): Promise<SearchOutcome> {
  const query = normalizeQuery(rawQuery);
  let isin: string | null = null;
  if (looksLikeIsin(query)) {
    // A mistyped ISIN is refused before any request: no provider could find it.
    const c = checkIsin(query);
    if (!c.ok) throw new InputError(`"${query}" is not a valid ISIN: ${c.reason}`);
    isin = c.isin;
  }
  const clients = await searchClients(deps, isin ? 'isin' : 'text');
  try {
    const { groups, failures } = await askAll(clients, isin ?? query, options.signal);
    return { query, isin, results: rankHits(isin ?? query, groups, options.limit), failures, sources: clients.map((c) => c.name) };
  } finally {
    for (const c of clients) c.close?.();
  }
}

/** The listings of an ISIN as Yahoo symbols, best first (for importers with ISIN-only rows). */
export async function resolveIsin(deps: SearchDeps, isin: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const c = checkIsin(isin);
  if (!c.ok) throw new InputError(`"${isin}" is not a valid ISIN: ${c.reason}`);
  return (await searchSymbols(deps, c.isin, { signal })).results;
}
