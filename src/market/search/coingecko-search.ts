/**
 * CoinGecko's search: GET {base}/api/v3/search?query=.. answers {coins: [{id, name, symbol,
 * market_cap_rank}], exchanges, categories, nfts}. A coin is offered as its Yahoo pair in US
 * dollars (BTC -> BTC-USD), the form the rest of portfolio prices.
 */
import { MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { SearchClient, SearchHit } from './types.js';

export const COINGECKO_URL = 'https://api.coingecko.com';

export function parseCoinGeckoSearch(body: string): SearchHit[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MarketError('bad-data', 'CoinGecko search answered something that is not JSON');
  }
  const coins = (json as { coins?: unknown } | null)?.coins;
  if (!Array.isArray(coins)) throw new MarketError('bad-data', 'CoinGecko search answer has no coins list');
  const hits: SearchHit[] = [];
  for (const c of coins as Record<string, unknown>[]) {
    if (!c || typeof c.symbol !== 'string' || !/^[A-Za-z0-9]{1,15}$/.test(c.symbol)) continue;
    hits.push({
      symbol: `${c.symbol.toUpperCase()}-USD`,
      name: typeof c.name === 'string' ? c.name : null,
      exchange: 'CoinGecko',
      type: 'crypto',
      currency: 'USD',
      source: 'coingecko',
      providerRank: hits.length,
    });
  }
  return hits;
}

export function createCoinGeckoSearch(http: HttpClient, options: { baseUrl?: string; apiKey?: string } = {}): SearchClient {
  const base = (options.baseUrl ?? COINGECKO_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = options.apiKey ? { 'x-cg-demo-api-key': options.apiKey } : {};
  return {
    name: 'coingecko',
    async search(query, signal) {
      const res = await http.request({ url: `${base}/api/v3/search?query=${encodeURIComponent(query)}`, endpoint: 'search', headers, signal, context: 'search' });
      if (res.status >= 400) throw new MarketError('http', `HTTP ${res.status} from CoinGecko search`, { status: res.status });
      return parseCoinGeckoSearch(res.body);
    },
    close: () => http.close(),
  };
}
