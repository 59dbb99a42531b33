/**
 * CoinGecko: crypto, no key (an optional demo key, header x-cg-demo-api-key). Every coin's price in
 * one /simple/price request (ids and vs-currencies as comma lists); history per coin from
 * /coins/{id}/market_chart with days > 90, whose points are daily at 00:00 UTC: the point at
 * 00:00 of day D+1 is day D's close; the last point (the request time) is not a close.
 */
import { addDays, isoToDay, todayIso } from '../../core/dates.js';
import type { Db } from '../../store/db.js';
import { kvGetJson, kvSet } from '../../store/kv.js';
import { cryptoPair } from '../asset-class.js';
import type { ChainMember } from '../chain/member.js';
import { failureOf, MarketError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http.js';
import type { ProviderBar, ProviderQuote, SymbolFailure } from '../types.js';
import { BUILT_IN_IDS, idsBySymbol } from './coingecko-ids.js';
import { checkStatus, dayOfMs, isObj, jsonOf, numOf } from './common.js';

export const DEFAULT_COINGECKO_URL = 'https://api.coingecko.com';
const LIST_DAYS = 7;

export interface CoinGeckoDeps {
  db: Db;
  http: HttpClient;
  now: () => Date;
  baseUrl?: string;
  apiKey?: string;
  /** Portfolio symbol -> CoinGecko id, from config `symbols`. */
  ids?: ReadonlyMap<string, string>;
}

export function createCoinGeckoProvider(deps: CoinGeckoDeps): ChainMember {
  const base = (deps.baseUrl ?? DEFAULT_COINGECKO_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = deps.apiKey ? { 'x-cg-demo-api-key': deps.apiKey } : {};
  const listKey = `coingecko.list:${base}`;

  async function get(path: string, endpoint: string, symbols: readonly string[], signal?: AbortSignal, context?: string): Promise<HttpResponse> {
    const res = await deps.http.request({ url: `${base}/api/v3/${path}`, endpoint, symbols, headers, signal, context });
    checkStatus(res, 'coingecko', endpoint);
    return res;
  }

  /** Ids for the symbols; /coins/list (kept a week) only for symbols neither the config nor the table knows. */
  async function resolve(symbols: readonly string[], signal?: AbortSignal, context?: string): Promise<Map<string, string | MarketError>> {
    const out = new Map<string, string | MarketError>();
    const missing: string[] = [];
    for (const s of symbols) {
      const pair = cryptoPair(s);
      const id = deps.ids?.get(s) ?? (pair ? BUILT_IN_IDS[pair[0]] : undefined);
      if (!pair && !deps.ids?.has(s)) out.set(s, new MarketError('not-covered', 'coingecko prices crypto pairs such as BTC-USD'));
      else if (id) out.set(s, id);
      else missing.push(s);
    }
    if (missing.length === 0) return out;
    let list = kvGetJson<Record<string, string[]>>(deps.db, listKey, deps.now());
    if (!list) {
      list = idsBySymbol(jsonOf(await get('coins/list', 'coins-list', missing, signal, context), 'coingecko'));
      kvSet(deps.db, listKey, JSON.stringify(list), { expiresAt: new Date(deps.now().getTime() + LIST_DAYS * 86_400_000), now: deps.now() });
    }
    for (const s of missing) {
      const ids = list[(cryptoPair(s) as [string, string])[0]] ?? [];
      if (ids.length === 1) out.set(s, ids[0] as string);
      else if (ids.length === 0) out.set(s, new MarketError('unknown-symbol', 'coingecko lists no coin with this symbol'));
      else out.set(s, new MarketError('not-covered', `coingecko has ${ids.length} coins with this symbol (${ids.slice(0, 3).join(', ')}...); name one in config "symbols"`));
    }
    return out;
  }

  return {
    name: 'coingecko',
    classes: ['crypto'],
    maxBatchSize: 250,
    async quotes(symbols, signal, context) {
      const quotes: ProviderQuote[] = [];
      const failures: SymbolFailure[] = [];
      const ids = await resolve(symbols, signal, context);
      const wanted: [string, string, string][] = [];
      for (const [s, id] of ids) {
        if (id instanceof MarketError) failures.push(failureOf(s, id));
        else wanted.push([s, id, (cryptoPair(s)?.[1] ?? 'USD').toLowerCase()]);
      }
      if (wanted.length === 0) return { quotes, failures };
      const idList = [...new Set(wanted.map((w) => w[1]))].join(',');
      const vs = [...new Set(wanted.map((w) => w[2]))].join(',');
      const res = await get(`simple/price?ids=${encodeURIComponent(idList)}&vs_currencies=${encodeURIComponent(vs)}&include_24hr_change=true&include_last_updated_at=true`, 'simple-price', wanted.map((w) => w[0]), signal, context);
      const body = jsonOf(res, 'coingecko');
      if (!isObj(body)) throw new MarketError('bad-data', 'coingecko answered something other than an object of prices');
      for (const [symbol, id, cur] of wanted) {
        const coin = body[id];
        const price = isObj(coin) ? numOf(coin[cur]) : null;
        if (!isObj(coin)) failures.push({ symbol, message: `coingecko has no price for ${id}`, unknown: true, temporary: false });
        else if (price === null || price <= 0) failures.push({ symbol, message: `coingecko has no ${cur} price for ${id}`, temporary: false });
        else {
          const change = numOf(coin[`${cur}_24h_change`]);
          const updated = numOf(coin.last_updated_at);
          quotes.push({
            symbol, price, previousClose: change !== null && change > -100 ? price / (1 + change / 100) : null, currency: cur.toUpperCase(),
            name: null, marketTime: updated ? new Date(updated * 1000).toISOString() : deps.now().toISOString(),
            marketState: 'REGULAR', exchangeTimezone: 'UTC', quoteType: 'CRYPTOCURRENCY', exchange: 'CCC',
          });
        }
      }
      return { quotes, failures };
    },
    async history(symbol, fromDate, toDate, signal, context) {
      const id = (await resolve([symbol], signal, context)).get(symbol);
      if (id instanceof MarketError) throw id;
      const cur = (cryptoPair(symbol)?.[1] ?? 'USD').toLowerCase();
      // More than 90 days gives daily points; the close of fromDate is the point at fromDate + 1.
      const days = Math.max(91, isoToDay(todayIso(deps.now())) - isoToDay(fromDate) + 1);
      const res = await get(`coins/${encodeURIComponent(id as string)}/market_chart?vs_currency=${cur}&days=${days}`, 'market-chart', [symbol], signal, context);
      const body = jsonOf(res, 'coingecko');
      const prices = isObj(body) && Array.isArray(body.prices) ? body.prices : null;
      if (!prices) throw new MarketError('bad-data', 'coingecko answered a chart without prices');
      const bars: ProviderBar[] = [];
      for (const p of prices) {
        const ms = Array.isArray(p) ? numOf(p[0]) : null;
        const close = Array.isArray(p) ? numOf(p[1]) : null;
        if (ms === null || close === null || close <= 0 || ms % 86_400_000 !== 0) continue; // not a midnight point
        const date = addDays(dayOfMs(ms), -1);
        if (date >= fromDate && date <= toDate) bars.push({ date, close });
      }
      return { symbol, currency: cur.toUpperCase(), bars, dividends: [], splits: [] };
    },
    requestCount: () => deps.http.count(),
    close: () => deps.http.close(),
  };
}
