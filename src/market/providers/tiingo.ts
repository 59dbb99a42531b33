/**
 * Tiingo (API key): US equities and ETFs. Many tickers per /iex/?tickers=A,B request (after the
 * close `tngoLast` is the official close); daily history per ticker from /tiingo/daily/{t}/prices,
 * unadjusted `close` with `divCash` and `splitFactor`. A plain-text 200 (the monthly symbol limit)
 * is a refusal, never data.
 */
import type { ChainMember } from '../chain/member.js';
import { failureOf, MarketError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http.js';
import type { ProviderHistory, ProviderQuote, SymbolFailure } from '../types.js';
import { checkStatus, isObj, jsonOf, notCovered, numOf, usTicker } from './common.js';

export const DEFAULT_TIINGO_URL = 'https://api.tiingo.com';
export const TIINGO_BATCH = 100;

export interface TiingoDeps {
  http: HttpClient;
  apiKey: string;
  baseUrl?: string;
}

function body(res: HttpResponse): unknown {
  checkStatus(res, 'tiingo', 'request');
  const text = res.body.trim();
  if (!text.startsWith('[') && !text.startsWith('{') && /limit|upgrade/i.test(text)) {
    throw new MarketError('rate-limited', `tiingo refused: ${text.slice(0, 100)}`);
  }
  const data = jsonOf(res, 'tiingo');
  if (isObj(data) && typeof data.detail === 'string') throw new MarketError('http', `tiingo refused: ${data.detail.slice(0, 100)}`, { status: 401 });
  return data;
}

export function createTiingoProvider(deps: TiingoDeps): ChainMember {
  const base = (deps.baseUrl ?? DEFAULT_TIINGO_URL).replace(/\/+$/, '');
  const token = encodeURIComponent(deps.apiKey);
  return {
    name: 'tiingo',
    classes: ['equity', 'etf', 'fund'],
    maxBatchSize: TIINGO_BATCH,
    async quotes(symbols, signal, context) {
      const quotes: ProviderQuote[] = [];
      const failures: SymbolFailure[] = [];
      const byTicker = new Map<string, string>();
      for (const s of symbols) {
        const t = usTicker(s);
        if (t) byTicker.set(t.toLowerCase(), s);
        else failures.push(failureOf(s, notCovered('tiingo', 'US listings only')));
      }
      if (byTicker.size === 0) return { quotes, failures };
      const tickers = [...byTicker.keys()].join(',');
      const res = await deps.http.request({ url: `${base}/iex/?tickers=${encodeURIComponent(tickers)}&token=${token}`, endpoint: 'iex', symbols: [...byTicker.values()], signal, context });
      const data = body(res);
      if (!Array.isArray(data)) throw new MarketError('bad-data', 'tiingo answered something other than a list of quotes');
      const seen = new Set<string>();
      for (const r of data) {
        if (!isObj(r) || typeof r.ticker !== 'string') continue;
        const symbol = byTicker.get(r.ticker.toLowerCase());
        if (!symbol || seen.has(symbol)) continue;
        seen.add(symbol);
        const price = numOf(r.tngoLast) ?? numOf(r.last);
        if (price === null || price <= 0) {
          failures.push({ symbol, message: 'tiingo answered no usable price', temporary: false });
          continue;
        }
        const prev = numOf(r.prevClose);
        const ts = typeof r.timestamp === 'string' && !Number.isNaN(Date.parse(r.timestamp)) ? new Date(r.timestamp).toISOString() : null;
        quotes.push({
          symbol, price, previousClose: prev !== null && prev > 0 ? prev : null, currency: 'USD', name: null, marketTime: ts,
          marketState: null, exchangeTimezone: 'America/New_York', quoteType: null, exchange: 'IEX',
        });
      }
      for (const s of byTicker.values()) if (!seen.has(s)) failures.push({ symbol: s, message: 'tiingo does not know it', unknown: true, temporary: false });
      return { quotes, failures };
    },
    async history(symbol, fromDate, toDate, signal, context): Promise<ProviderHistory> {
      const t = usTicker(symbol);
      if (!t) throw notCovered('tiingo', 'US listings only');
      const url = `${base}/tiingo/daily/${encodeURIComponent(t.toLowerCase())}/prices?startDate=${fromDate}&endDate=${toDate}&token=${token}`;
      const data = body(await deps.http.request({ url, endpoint: 'daily', symbols: [symbol], signal, context }));
      if (!Array.isArray(data)) throw new MarketError('bad-data', 'tiingo answered something other than a list of bars');
      const h: ProviderHistory = { symbol, currency: 'USD', bars: [], dividends: [], splits: [] };
      for (const b of data) {
        if (!isObj(b) || typeof b.date !== 'string') continue;
        const date = b.date.slice(0, 10);
        const close = numOf(b.close);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || close === null || close <= 0 || date < fromDate || date > toDate) continue;
        h.bars.push({ date, close });
        const div = numOf(b.divCash);
        if (div !== null && div > 0) h.dividends.push({ date, amount: div });
        const f = numOf(b.splitFactor);
        if (f !== null && f > 0 && f !== 1) h.splits.push(f >= 1 ? { date, numerator: f, denominator: 1 } : { date, numerator: 1, denominator: 1 / f });
      }
      h.bars.sort((a, b) => (a.date < b.date ? -1 : 1));
      return h;
    },
    requestCount: () => deps.http.count(),
    close: () => deps.http.close(),
  };
}
