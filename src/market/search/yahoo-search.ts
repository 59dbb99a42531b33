/**
 * Yahoo's symbol search: GET {base}/v1/finance/search?q=.. (no cookie or crumb needed). Entries
 * without a symbol (Crunchbase companies, isYahooFinance false) are dropped. The answer has no
 * currency: it comes from the symbol's exchange suffix.
 */
import { MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { toMajorUnits } from '../../core/currency.js';
import { symbolInfo } from '../symbols.js';
import { typeWord, type SearchClient, type SearchHit } from './types.js';

export const YAHOO_SEARCH_URL = 'https://query2.finance.yahoo.com';

export function parseYahooSearch(body: string): SearchHit[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MarketError('bad-data', 'Yahoo search answered something that is not JSON');
  }
  const quotes = (json as { quotes?: unknown } | null)?.quotes;
  if (!Array.isArray(quotes)) throw new MarketError('bad-data', 'Yahoo search answer has no quotes list');
  const hits: SearchHit[] = [];
  for (const q of quotes as Record<string, unknown>[]) {
    if (!q || typeof q.symbol !== 'string' || q.symbol === '' || q.isYahooFinance === false) continue;
    const symbol = q.symbol.toUpperCase();
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    hits.push({
      symbol,
      name: str(q.longname) ?? str(q.shortname),
      exchange: str(q.exchDisp) ?? str(q.exchange),
      type: typeWord(str(q.quoteType)),
      currency: toMajorUnits(symbolInfo(symbol).currency).currency,
      source: 'yahoo',
      providerRank: hits.length,
    });
  }
  return hits;
}

export function createYahooSearch(http: HttpClient, baseUrl = YAHOO_SEARCH_URL): SearchClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    name: 'yahoo',
    async search(query, signal) {
      const url = `${base}/v1/finance/search?q=${encodeURIComponent(query)}&quotesCount=10&newsCount=0&enableFuzzyQuery=false`;
      const res = await http.request({ url, endpoint: 'search', signal, context: 'search' });
      if (res.status >= 400) throw new MarketError('http', `HTTP ${res.status} from Yahoo search`, { status: res.status });
      return parseYahooSearch(res.body);
    },
    close: () => http.close(),
  };
}
