/**
 * Alpha Vantage (API key): the last resort, one symbol per request, 25 requests a day on the free
 * plan. The allowance is counted from http_log over the last 24 hours (every process shares it) and
 * never exceeded: past it, symbols go on without a request. Every answer is HTTP 200: a `Note` or
 * `Information` body is a refusal (rate limit, premium endpoint), `Error Message` an unknown symbol;
 * only a `Global Quote` with a price is a price.
 */
import type { Db } from '../../store/db.js';
import { countHttp } from '../../store/http-log.js';
import { toMajorUnits } from '../../core/currency.js';
import { symbolInfo } from '../symbols.js';
import type { ChainMember } from '../chain/member.js';
import { failureOf, MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { ProviderHistory, ProviderQuote, SymbolFailure } from '../types.js';
import { checkStatus, isObj, jsonOf, notCovered, numOf } from './common.js';

export const DEFAULT_ALPHAVANTAGE_URL = 'https://www.alphavantage.co';
const SUFFIX: Record<string, string> = { L: 'LON', DE: 'DEX', TO: 'TRT' };

export interface AlphaVantageDeps {
  db: Db;
  http: HttpClient;
  now: () => Date;
  apiKey: string;
  baseUrl?: string;
  dailyLimit?: number;
}

/** Alpha Vantage's symbol (BRK.B stays, VOD.L -> VOD.LON), or null when not covered. */
export function avSymbol(symbol: string): string | null {
  if (/=X$/.test(symbol) || /^[A-Z0-9]+-[A-Z]{3,4}$/.test(symbol)) return null;
  const m = /^([A-Z0-9]+)(?:\.([A-Z]{1,2}))?$/.exec(symbol);
  if (!m) return null;
  if (m[2] === undefined) return symbol;
  if (m[2].length === 1 && !['L', 'F', 'T'].includes(m[2])) return symbol;
  const ex = SUFFIX[m[2]];
  return ex ? `${m[1]}.${ex}` : null;
}

function checked(body: unknown): Record<string, unknown> {
  if (!isObj(body)) throw new MarketError('bad-data', 'alphavantage answered something other than an object');
  for (const key of ['Note', 'Information']) {
    const v = body[key];
    if (typeof v === 'string') throw new MarketError('rate-limited', `alphavantage refused: ${v.slice(0, 90)}`);
  }
  const error = body['Error Message'];
  if (typeof error === 'string') {
    if (/apikey/i.test(error)) throw new MarketError('http', 'alphavantage refused the API key (bad or missing key?)', { status: 401 });
    throw new MarketError('unknown-symbol', 'alphavantage does not know it (Invalid API call)');
  }
  return body;
}

export function createAlphaVantageProvider(deps: AlphaVantageDeps): ChainMember {
  const base = (deps.baseUrl ?? DEFAULT_ALPHAVANTAGE_URL).replace(/\/+$/, '');
  const limit = deps.dailyLimit ?? 25;
  const used = () => countHttp(deps.db, new Date(deps.now().getTime() - 86_400_000), { provider: 'alphavantage' });

  async function call(query: string, symbol: string, endpoint: string, signal?: AbortSignal, context?: string) {
    if (used() >= limit) throw new MarketError('budget', `alphavantage's ${limit} requests a day are used up`);
    const url = `${base}/query?${query}&apikey=${encodeURIComponent(deps.apiKey)}`;
    const res = await deps.http.request({ url, endpoint, symbols: [symbol], signal, context });
    checkStatus(res, 'alphavantage', endpoint);
    return checked(jsonOf(res, 'alphavantage'));
  }

  const scale = (symbol: string) => toMajorUnits(symbolInfo(symbol).currency);

  return {
    name: 'alphavantage',
    classes: ['equity', 'etf', 'fund'],
    // One symbol per request, asked one after the other within a call, so that the first refusal
    // or the end of the allowance stops the rest: the chain hands over up to 100 at once.
    maxBatchSize: 100,
    budget: () => ({ limit, used: used() }),
    async quotes(symbols, signal, context) {
      const quotes: ProviderQuote[] = [];
      const failures: SymbolFailure[] = [];
      let stop: MarketError | null = null; // refused, out of allowance or down: no more requests this call
      for (const symbol of symbols) {
        const av = avSymbol(symbol);
        try {
          if (stop) throw stop;
          if (!av) throw notCovered('alphavantage', 'no such listing form there');
          const body = await call(`function=GLOBAL_QUOTE&symbol=${encodeURIComponent(av)}`, symbol, 'global-quote', signal, context);
          const g = body['Global Quote'];
          const price = isObj(g) ? numOf(g['05. price']) : null;
          if (!isObj(g) || Object.keys(g).length === 0) throw new MarketError('unknown-symbol', 'alphavantage does not know it');
          if (price === null || price <= 0) throw new MarketError('bad-data', 'alphavantage answered no usable price');
          const { currency, divisor } = scale(symbol);
          const prev = numOf(g['08. previous close']);
          const day = typeof g['07. latest trading day'] === 'string' ? g['07. latest trading day'] : null;
          quotes.push({
            symbol, price: price / divisor, previousClose: prev !== null && prev > 0 ? prev / divisor : null, currency, name: null,
            marketTime: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T21:00:00.000Z` : null,
            marketState: null, exchangeTimezone: symbolInfo(symbol).timezone, quoteType: null, exchange: null,
          });
        } catch (err) {
          if (err instanceof MarketError && (err.temporary || err.kind === 'budget' || err.status === 401 || err.status === 403)) stop = err;
          failures.push(failureOf(symbol, err));
        }
      }
      return { quotes, failures };
    },
    async history(symbol, fromDate, toDate, signal, context): Promise<ProviderHistory> {
      const av = avSymbol(symbol);
      if (!av) throw notCovered('alphavantage', 'no such listing form there');
      // compact: the last 100 trading days (about 140 calendar days); full history is a premium endpoint today.
      const full = Date.parse(fromDate) < deps.now().getTime() - 140 * 86_400_000;
      const body = await call(`function=TIME_SERIES_DAILY&symbol=${encodeURIComponent(av)}&outputsize=${full ? 'full' : 'compact'}`, symbol, 'daily', signal, context);
      const series = body['Time Series (Daily)'];
      if (!isObj(series)) throw new MarketError('bad-data', 'alphavantage answered no daily series');
      const { currency, divisor } = scale(symbol);
      const bars = Object.entries(series)
        .map(([date, v]) => ({ date, close: isObj(v) ? numOf(v['4. close']) : null }))
        .filter((b): b is { date: string; close: number } => /^\d{4}-\d{2}-\d{2}$/.test(b.date) && b.close !== null && b.close > 0 && b.date >= fromDate && b.date <= toDate)
        .map((b) => ({ date: b.date, close: b.close / divisor }))
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      return { symbol, currency, bars, dividends: [], splits: [] };
    },
    requestCount: () => deps.http.count(),
    close: () => deps.http.close(),
  };
}
