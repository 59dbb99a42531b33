/**
 * Yahoo Finance: cookie from GET {base}/, crumb from /v1/test/getcrumb (both kept in SQLite kv
 * with an expiry), quotes from /v7/finance/quote in batches of at most 50, daily history from
 * /v8/finance/chart/{symbol}. A 401/403 on quotes refreshes the session once; if the quote endpoint
 * still refuses, quotes come from the chart endpoint's `meta`, which needs no crumb.
 */
import { addDays, dayToUnix, isoToDay, todayIso } from '../../core/dates.js';
import { marketFor, sessionAt } from '../../core/market-hours.js';
import type { Db } from '../../store/db.js';
import { kvDelete, kvGetJson, kvSet } from '../../store/kv.js';
import { failureOf, MarketError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http.js';
import type { MarketProvider, ProviderHistory, ProviderQuote, SymbolFailure } from '../types.js';

import { storedSplits } from '../../store/quote-cache.js';
import { yahooCookies } from './yahoo-consent.js';
import { parseChart, parseJsonBody, parseQuotes, quoteFromChartMeta, unadjustSplits } from './yahoo-parse.js';

export const DEFAULT_YAHOO_URL = 'https://query2.finance.yahoo.com';
// Without an override the cookie comes from fc.yahoo.com (it answers 404 with the A3 cookie);
// with PORTFOLIO_YAHOO_URL every request, the cookie included, goes to that base (contract).
const DEFAULT_COOKIE_URL = 'https://fc.yahoo.com/';
// Yahoo answers 429 above ~65 symbols a request, so batches stay at 50 (contract).
const MAX_BATCH = 50;
const SESSION_DAYS = 7;
const REFUSAL_MINUTES = 30;

interface Session {
  cookie: string;
  crumb: string;
}

export interface YahooDeps {
  db: Db;
  http: HttpClient;
  now: () => Date;
  /** Base URL (PORTFOLIO_YAHOO_URL or config.yahoo.baseUrl); the cookie host is the same base. */
  baseUrl?: string;
}

export function createYahooProvider(deps: YahooDeps): MarketProvider {
  const base = (deps.baseUrl ?? DEFAULT_YAHOO_URL).replace(/\/+$/, '');
  const cookieUrl = deps.baseUrl ? `${base}/` : DEFAULT_COOKIE_URL;
  const sessionKey = `yahoo.session:${base}`;
  const refusedKey = `yahoo.quoteRefused:${base}`;
  let session: Session | null = null;
  let pending: Promise<Session> | null = null;

  async function newSession(signal: AbortSignal | undefined, context: string | undefined): Promise<Session> {
    const cookie = await yahooCookies(deps.http, cookieUrl, signal, context);
    const res = await deps.http.request({ url: `${base}/v1/test/getcrumb`, endpoint: 'crumb', headers: cookie ? { cookie } : {}, signal, context });
    const crumb = res.body.trim();
    if (res.status >= 400) throw new MarketError('http', `crumb refused (HTTP ${res.status})`, { status: res.status });
    if (!crumb || crumb.length > 64 || /[<{\s]/.test(crumb)) throw new MarketError('bad-data', 'provider answered an invalid crumb');
    const s = { cookie, crumb };
    kvSet(deps.db, sessionKey, JSON.stringify(s), { expiresAt: new Date(deps.now().getTime() + SESSION_DAYS * 86_400_000), now: deps.now() });
    return s;
  }

  /** The current session; `stale` asks for a new one unless another caller already replaced it. */
  async function getSession(signal: AbortSignal | undefined, context: string | undefined, stale?: Session): Promise<Session> {
    if (!stale) {
      session ??= kvGetJson<Session>(deps.db, sessionKey, deps.now());
      if (session) return session;
    } else if (session && session.crumb !== stale.crumb) return session;
    pending ??= newSession(signal, context).finally(() => (pending = null));
    session = await pending;
    return session;
  }

  async function quoteRequest(symbols: readonly string[], s: Session, signal?: AbortSignal, context?: string): Promise<HttpResponse> {
    const url = `${base}/v7/finance/quote?symbols=${encodeURIComponent(symbols.join(','))}&crumb=${encodeURIComponent(s.crumb)}`;
    return deps.http.request({ url, endpoint: 'quote', symbols, headers: s.cookie ? { cookie: s.cookie } : {}, signal, context });
  }

  async function chart(symbol: string, from: string, to: string, signal?: AbortSignal, context?: string) {
    const p1 = dayToUnix(isoToDay(from));
    const p2 = dayToUnix(isoToDay(to) + 1);
    const url = `${base}/v8/finance/chart/${encodeURIComponent(symbol)}?period1=${p1}&period2=${p2}&interval=1d&events=div%7Csplit`;
    const res = await deps.http.request({ url, endpoint: 'chart', symbols: [symbol], signal, context });
    return parseChart(res.status, res.body, symbol, from, to);
  }

  /**
   * Quotes from the chart endpoint's meta, one request per symbol (no crumb needed), two at a time.
   * The first refusal (401/403/429) or outage ends it: the rest fail at once instead of costing a
   * request each, so the next provider in the chain gets them in the same run.
   */
  async function chartQuotes(symbols: readonly string[], signal?: AbortSignal, context?: string) {
    const now = deps.now();
    const to = todayIso(now);
    const from = addDays(to, -7);
    const quotes: ProviderQuote[] = [];
    const failures: SymbolFailure[] = [];
    let stop: MarketError | null = null;
    const queue = [...symbols];
    const worker = async () => {
      for (let symbol = queue.shift(); symbol !== undefined; symbol = queue.shift()) {
        if (stop) {
          failures.push(failureOf(symbol, stop));
          continue;
        }
        try {
          const { history, meta } = await chart(symbol, from, to, signal, context);
          const q = quoteFromChartMeta(symbol, meta, history.bars);
          if ('price' in q) {
            const open = sessionAt(marketFor({ symbol, exchangeTimezone: q.exchangeTimezone, quoteType: q.quoteType }), now).open;
            quotes.push({ ...q, marketState: open ? 'REGULAR' : 'CLOSED' });
          } else failures.push(q);
        } catch (err) {
          if (err instanceof MarketError && (err.temporary || err.status === 401 || err.status === 403)) stop = err;
          failures.push(failureOf(symbol, err));
        }
      }
    };
    await Promise.all([worker(), worker()]);
    return { quotes, failures };
  }

  return {
    name: 'yahoo',
    maxBatchSize: MAX_BATCH,
    async quotes(symbols, signal, context) {
      if (symbols.length === 0) return { quotes: [], failures: [] };
      if (symbols.length > MAX_BATCH) throw new Error(`at most ${MAX_BATCH} symbols a quote request`);
      if (kvGetJson<boolean>(deps.db, refusedKey, deps.now())) return chartQuotes(symbols, signal, context);
      let s: Session;
      try {
        s = await getSession(signal, context);
      } catch (err) {
        // The crumb is refused outright (4xx): the chart endpoint needs none.
        if (err instanceof MarketError && !err.temporary) return chartQuotes(symbols, signal, context);
        throw err;
      }
      let res = await quoteRequest(symbols, s, signal, context);
      if (res.status === 401 || res.status === 403) {
        kvDelete(deps.db, sessionKey);
        s = await getSession(signal, context, s);
        res = await quoteRequest(symbols, s, signal, context);
        if (res.status === 401 || res.status === 403) {
          kvSet(deps.db, refusedKey, 'true', { expiresAt: new Date(deps.now().getTime() + REFUSAL_MINUTES * 60_000), now: deps.now() });
          return chartQuotes(symbols, signal, context);
        }
      }
      if (res.status >= 400) {
        let detail = '';
        try {
          detail = JSON.stringify(parseJsonBody(res.body)).slice(0, 120);
        } catch {
          /* the status says enough */
        }
        throw new MarketError('http', `quote request refused (HTTP ${res.status}${detail ? ` ${detail}` : ''})`, { status: res.status });
      }
      return parseQuotes(res.body, symbols);
    },
    async history(symbol, fromDate, toDate, signal, context): Promise<ProviderHistory> {
      const { history } = await chart(symbol, fromDate, toDate, signal, context);
      return unadjustSplits(history, storedSplits(deps.db, symbol));
    },
    requestCount: () => deps.http.count(),
    close: () => deps.http.close(),
  };
}
