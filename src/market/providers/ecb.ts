/**
 * ECB euro reference rates: FX only, no key. Every currency's latest rate comes from one request
 * (eurofxref-daily.xml), kept in kv until the next publication (~15:00 UTC on business days), so
 * any number of pairs costs one request a day. History comes from -hist-90d.xml or -hist.xml, one
 * request per process for every pair. Pairs without EUR are crossed through EUR.
 */
import { parseFxPair } from '../../core/currency.js';
import { addDays, todayIso } from '../../core/dates.js';
import type { Db } from '../../store/db.js';
import { kvGetJson, kvSet } from '../../store/kv.js';
import type { ChainMember } from '../chain/member.js';
import { failureOf, MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { ProviderQuote, SymbolFailure } from '../types.js';
import { checkStatus } from './common.js';
import { crossRate, parseEcbXml, type EcbDays } from './ecb-parse.js';

export const DEFAULT_ECB_URL = 'https://www.ecb.europa.eu';
const PUBLISHED_UTC_HOUR = 15;

export interface EcbDeps {
  db: Db;
  http: HttpClient;
  now: () => Date;
  baseUrl?: string;
}

/** The first publication time after `t`: 15:00 UTC on the next weekday (today's if still ahead). */
export function nextPublication(t: Date): Date {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), PUBLISHED_UTC_HOUR));
  if (d.getTime() <= t.getTime()) d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function createEcbProvider(deps: EcbDeps): ChainMember {
  const base = (deps.baseUrl ?? DEFAULT_ECB_URL).replace(/\/+$/, '');
  const dailyKey = `ecb.daily:${base}`;
  const hist = new Map<string, Promise<EcbDays>>();

  async function fetchXml(file: string, symbols: readonly string[], signal?: AbortSignal, context?: string): Promise<EcbDays> {
    const res = await deps.http.request({ url: `${base}/stats/eurofxref/${file}`, endpoint: file.replace('.xml', ''), symbols, signal, context });
    checkStatus(res, 'ecb', file);
    return parseEcbXml(res.body);
  }

  async function latest(symbols: readonly string[], signal?: AbortSignal, context?: string): Promise<EcbDays[number]> {
    const cached = kvGetJson<EcbDays[number]>(deps.db, dailyKey, deps.now());
    if (cached) return cached;
    const days = await fetchXml('eurofxref-daily.xml', symbols, signal, context);
    const day = days[0] as EcbDays[number];
    kvSet(deps.db, dailyKey, JSON.stringify(day), { expiresAt: nextPublication(deps.now()), now: deps.now() });
    return day;
  }

  return {
    name: 'ecb',
    classes: ['fx'],
    maxBatchSize: 1000,
    async quotes(symbols, signal, context) {
      const quotes: ProviderQuote[] = [];
      const failures: SymbolFailure[] = [];
      const pairs = symbols.map((s) => [s, parseFxPair(s)] as const);
      for (const [s, p] of pairs) if (!p) failures.push(failureOf(s, new MarketError('not-covered', 'ecb prices only FX pairs such as EURUSD=X')));
      const wanted = pairs.filter(([, p]) => p !== null);
      if (wanted.length === 0) return { quotes, failures };
      const day = await latest(wanted.map(([s]) => s), signal, context);
      for (const [symbol, p] of wanted) {
        const [from, to] = p as [string, string];
        const rate = crossRate(day.rates, from, to);
        if (rate === null) failures.push(failureOf(symbol, new MarketError('not-covered', `ecb publishes no rate for ${from === 'EUR' || day.rates[from] ? to : from}`)));
        else {
          quotes.push({
            symbol, price: rate, previousClose: null, currency: to, name: `${from}/${to} (ECB reference rate)`,
            // The 14:15 CET concertation of that day.
            marketTime: `${day.date}T13:15:00.000Z`, marketState: 'CLOSED', exchangeTimezone: 'Europe/Berlin', quoteType: 'CURRENCY', exchange: 'ECB',
          });
        }
      }
      return { quotes, failures };
    },
    async history(symbol, fromDate, toDate, signal, context) {
      const p = parseFxPair(symbol);
      if (!p) throw new MarketError('not-covered', 'ecb prices only FX pairs such as EURUSD=X');
      // The 90-day file covers about 63 business days back from the last publication.
      const file = fromDate >= addDays(todayIso(deps.now()), -85) ? 'eurofxref-hist-90d.xml' : 'eurofxref-hist.xml';
      let days = hist.get(file);
      if (!days) {
        days = fetchXml(file, [symbol], signal, context);
        hist.set(file, days);
        days.catch(() => hist.delete(file));
      }
      const all = await days;
      const bars = [];
      for (const d of all) {
        if (d.date < fromDate || d.date > toDate) continue;
        const rate = crossRate(d.rates, p[0], p[1]);
        if (rate !== null) bars.push({ date: d.date, close: rate });
      }
      bars.reverse();
      return { symbol, currency: p[1], bars, dividends: [], splits: [] };
    },
    requestCount: () => deps.http.count(),
    close: () => deps.http.close(),
  };
}
