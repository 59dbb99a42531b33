/**
 * A fake Yahoo Finance server on 127.0.0.1 (real HTTP, random port) that speaks Yahoo's wire format.
 *
 *   const fake = await startFakeYahoo({ latencyMs: 5 });
 *   env.PORTFOLIO_YAHOO_URL = fake.url;        // or config.yahoo.baseUrl
 *   fake.set({ failRate: 0.2 });               // switches can change at any time
 *   fake.requests / fake.count('quote')        // request log and counters
 *   fake.invalidateCrumbs();                   // next quote request answers 401
 *   fake.reset();                              // clears the log and counters (not the switches)
 *   await fake.close();                        // also drops hung connections
 *
 * Endpoints:
 *   GET /                          sets cookie A3 (endpoint 'cookie')
 *   GET /v1/test/getcrumb          needs that cookie; answers a crumb as text/plain ('crumb')
 *   GET /v7/finance/quote?symbols=A,B&crumb=C   needs a valid crumb, else 401 ('quote')
 *   GET /v8/finance/chart/SYM?period1&period2&interval=1d&events=div|split     no crumb ('chart')
 *   GET /v7/finance/spark?symbols=A,B&range=5d|1mo|3mo&interval=1d   closes, flat recorded shape ('spark')
 *
 * Answers are synthesized deterministically for ANY symbol (seeded random walk from
 * src/market/sim-prices.ts, trading days only, currency by suffix: .L GBp, .DE/.PA/.AS EUR, -USD
 * crypto, XXXYYY=X FX). The recorded answers in test/fixtures/yahoo (a copy of the shared fixtures)
 * are served verbatim for their symbols: quote entries for AAPL, BABA, BTC-USD, EURUSD=X, OCDO.L,
 * QQQ, and chart bodies when symbol and period1/period2 match the recorded request (period2 may be
 * a day later). `fixtures: false` synthesizes those symbols too.
 *
 * Switches (FakeYahooOptions): latencyMs, failRate/failStatus (seeded, deterministic), rate429
 * {count, rate, retryAfterSeconds}, maxRequestsPerSecond (429 above it), outage ('503'|'reset'),
 * hang (true or a list of endpoints), garbage ('json'|'html'|'huge', optionally garbageEndpoints),
 * unknownSymbols, nullPriceSymbols, priceOverrides {SYM: number|null}, extraSymbols (answered
 * without being asked), missingFieldSymbols, quoteStatus (e.g. 403 for every quote request),
 * chartOverrides {SYM: body} (e.g. the no-timestamp fixture), fixtures (default true), now(),
 * requestClock() (what stamps requests and counts the per-second window: the real clock unless a
 * test moves a virtual one).
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { isSimTradingDay, simClose, simDividend, simQuote, simSymbol } from '../../src/market/sim-prices.js';
import { symbolInfo, seededRandom } from '../../src/market/symbols.js';
import { sessionBounds } from '../../src/core/market-hours.js';
import { SHARED_FIXTURES } from './shared-fixtures.js';

export type FakeEndpoint = 'cookie' | 'crumb' | 'quote' | 'chart' | 'spark' | 'other';

export interface FakeYahooOptions {
  latencyMs: number;
  failRate: number;
  failStatus: number;
  rate429: { count?: number; rate?: number; retryAfterSeconds?: number } | null;
  maxRequestsPerSecond: number | null;
  /** Milliseconds that stamp each request and drive the per-second window; default Date.now. */
  requestClock: () => number;
  outage: false | '503' | 'reset';
  hang: boolean | FakeEndpoint[];
  garbage: null | 'json' | 'html' | 'huge';
  garbageEndpoints: FakeEndpoint[];
  hugeBytes: number;
  unknownSymbols: string[];
  nullPriceSymbols: string[];
  priceOverrides: Record<string, number | null>;
  extraSymbols: string[];
  missingFieldSymbols: string[];
  quoteStatus: number | null;
  chartOverrides: Record<string, unknown>;
  fixtures: boolean;
  requireCookie: boolean;
  /** The EU consent flow (recorded): GET / redirects to /consent, then the collectConsent form; its POST leads to /copyConsent, which sets A3. */
  euConsent: boolean;
  /** Answer the crumb request with this body and status (e.g. 'Too Many Requests' with 200 or 429). */
  crumbAnswer: { status: number; body: string } | null;
  seed: number;
  now: () => Date;
}

export interface FakeRequest {
  method: string;
  path: string;
  endpoint: FakeEndpoint;
  symbols: string[];
  query: Record<string, string>;
  status: number | null; // null: hung or reset
  time: number; // requestClock() when it arrived (Date.now() unless a test moves a virtual clock)
}

export interface FakeYahoo {
  url: string;
  requests: FakeRequest[];
  options: FakeYahooOptions;
  set(partial: Partial<FakeYahooOptions>): void;
  count(endpoint?: FakeEndpoint): number;
  reset(): void;
  invalidateCrumbs(): void;
  close(): Promise<void>;
}

export const FIXTURE_DIR = findFixtures();
/** The shared folder's Yahoo recordings (the consent flow is only there). */
const SHARED_YAHOO = join(SHARED_FIXTURES, 'yahoo');

function findFixtures(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // The repo's own recordings: from test/helpers, or from the bench's build (bench/.work/build/test/helpers).
  const repo = [join(here, 'fixtures', 'yahoo'), join(here, '..', 'fixtures', 'yahoo'), join(here, '..', '..', '..', '..', '..', 'test', 'fixtures', 'yahoo')];
  for (const dir of [...repo, '/work/shared/fixtures/yahoo']) {
    if (existsSync(dir)) return dir;
  }
  return '/work/shared/fixtures/yahoo';
}

export interface Fixture {
  request_url: string;
  status: number;
  content_type: string;
  body: unknown;
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as Fixture;
}

interface ChartFixture {
  symbol: string;
  day1: number;
  day2: number;
  body: unknown;
}

function loadFixtureTables(): { quotes: Map<string, Record<string, unknown>>; charts: ChartFixture[] } {
  const quotes = new Map<string, Record<string, unknown>>();
  const charts: ChartFixture[] = [];
  if (!existsSync(FIXTURE_DIR)) return { quotes, charts };
  for (const file of readdirSync(FIXTURE_DIR)) {
    if (!file.endsWith('.json') || file.includes('.fake.')) continue;
    const fx = loadFixture(file);
    if (typeof fx.request_url !== 'string') continue; // the upstream capture format (search, spark, consent): not served here
    const url = new URL(fx.request_url);
    if (file.startsWith('quote-')) {
      const result = (fx.body as { quoteResponse: { result: Record<string, unknown>[] } }).quoteResponse.result;
      for (const r of result) quotes.set(String(r.symbol), r);
    } else if (url.pathname.startsWith('/v8/finance/chart/')) {
      const symbol = decodeURIComponent(url.pathname.slice('/v8/finance/chart/'.length));
      const p1 = Number(url.searchParams.get('period1'));
      const p2 = Number(url.searchParams.get('period2'));
      charts.push({ symbol, day1: Math.floor(p1 / 86_400), day2: Math.floor(p2 / 86_400), body: fx.body });
    }
  }
  return { quotes, charts };
}

function defaults(): FakeYahooOptions {
  return {
    latencyMs: 0,
    failRate: 0,
    failStatus: 500,
    rate429: null,
    maxRequestsPerSecond: null,
    requestClock: () => Date.now(),
    outage: false,
    hang: false,
    garbage: null,
    garbageEndpoints: ['quote', 'chart'],
    hugeBytes: 30 * 1024 * 1024,
    unknownSymbols: [],
    nullPriceSymbols: [],
    priceOverrides: {},
    extraSymbols: [],
    missingFieldSymbols: [],
    quoteStatus: null,
    chartOverrides: {},
    fixtures: true,
    requireCookie: true,
    euConsent: false,
    crumbAnswer: null,
    seed: 1,
    now: () => new Date(),
  };
}

export async function startFakeYahoo(initial: Partial<FakeYahooOptions> = {}): Promise<FakeYahoo> {
  const options: FakeYahooOptions = { ...defaults(), ...initial };
  const tables = loadFixtureTables();
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const cookies = new Set<string>();
  const crumbs = new Set<string>();
  let serial = 0;
  let random = seededRandom(options.seed);
  let forced429 = options.rate429?.count ?? 0;
  const recent: number[] = [];

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const endpoint = endpointOf(url.pathname);
    const symbols = endpoint === 'quote' || endpoint === 'spark' ? (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean)
      : endpoint === 'chart' ? [decodeURIComponent(url.pathname.slice('/v8/finance/chart/'.length))] : [];
    const query = Object.fromEntries(url.searchParams.entries());
    const entry: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, endpoint, symbols, query, status: null, time: options.requestClock() };
    requests.push(entry);
    const send = (status: number, body: string | Buffer, type = 'application/json;charset=utf-8', headers: Record<string, string> = {}) => {
      entry.status = status;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(body);
    };
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => send(status, JSON.stringify(body), undefined, headers);

    if (options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (options.hang === true || (Array.isArray(options.hang) && options.hang.includes(endpoint))) return; // never answer
    if (options.outage === 'reset') {
      req.socket.destroy();
      return;
    }
    if (options.outage === '503') return send(503, '<html><body>Service Unavailable</body></html>', 'text/html');

    const nowMs = options.requestClock();
    while (recent.length > 0 && (recent[0] as number) <= nowMs - 1000) recent.shift();
    recent.push(nowMs);
    if (options.maxRequestsPerSecond !== null && recent.length > options.maxRequestsPerSecond) {
      return send(429, 'Too Many Requests', 'text/plain', { 'retry-after': '1' });
    }
    const r429 = options.rate429;
    if (r429 && (forced429 > 0 || (r429.rate ?? 0) > random())) {
      if (forced429 > 0) forced429--;
      return send(429, 'Too Many Requests', 'text/plain', { 'retry-after': String(r429.retryAfterSeconds ?? 1) });
    }
    if (options.failRate > 0 && random() < options.failRate) return json(options.failStatus, { error: 'Internal Server Error' });

    if (options.garbage && options.garbageEndpoints.includes(endpoint)) return garbage(res, entry, options);

    if (options.euConsent) {
      const done = consentStep(url, req);
      if (done) return send(done.status, done.body, done.type, done.headers);
    }

    switch (endpoint) {
      case 'cookie': {
        const c = `fake${++serial}`;
        cookies.add(c);
        return send(200, '<html>ok</html>', 'text/html', { 'set-cookie': `A3=${c}; Max-Age=31557600; Path=/; HttpOnly` });
      }
      case 'crumb': {
        if (options.crumbAnswer) return send(options.crumbAnswer.status, options.crumbAnswer.body, 'text/plain');
        const cookie = /A3=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        if (options.requireCookie && (!cookie || !cookies.has(cookie))) return send(401, 'Unauthorized', 'text/plain');
        const crumb = `crumb${++serial}x`;
        crumbs.add(crumb);
        return send(200, crumb, 'text/plain;charset=utf-8');
      }
      case 'quote': {
        const crumb = url.searchParams.get('crumb') ?? '';
        if (!crumbs.has(crumb)) {
          return json(401, { finance: { result: null, error: { code: 'Unauthorized', description: 'Invalid Crumb' } } });
        }
        if (options.quoteStatus !== null) return json(options.quoteStatus, { finance: { result: null, error: { code: 'Forbidden' } } });
        return json(200, { quoteResponse: { result: quoteResults(symbols), error: null } });
      }
      case 'chart': {
        const symbol = symbols[0] ?? '';
        if (symbol in options.chartOverrides) return json(200, options.chartOverrides[symbol]);
        if (options.unknownSymbols.includes(symbol)) {
          return json(404, { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } });
        }
        const p1 = Number(url.searchParams.get('period1'));
        const p2 = Number(url.searchParams.get('period2'));
        if (!Number.isFinite(p1) || !Number.isFinite(p2) || p2 < p1) {
          return json(400, { chart: { result: null, error: { code: 'Bad Request', description: 'Invalid input - start date cannot be after end date' } } });
        }
        return json(200, chartBody(symbol, p1, p2));
      }
      case 'spark':
        return json(200, sparkBody(symbols, url.searchParams.get('range') ?? '1mo'));
      default:
        return send(404, 'Not Found', 'text/plain');
    }
  }

  /** One hop of the recorded EU consent flow (hosts rewritten to this server), or null for the normal endpoints. */
  function consentStep(url: URL, req: IncomingMessage): { status: number; body: string; type: string; headers: Record<string, string> } | null {
    const cookie = req.headers.cookie ?? '';
    const step = (name: string) => JSON.parse(readFileSync(join(SHARED_YAHOO, `getCrumb-quote-AAPL${name}.json`), 'utf8')) as { response: { status: number; bodyText?: string; headers: Record<string, string> } };
    const redirect = (status: number, location: string, setCookie?: string) => ({
      status, body: '', type: 'text/html', headers: { location, ...(setCookie ? { 'set-cookie': setCookie } : {}) },
    });
    if (url.pathname === '/' && !/A3=/.test(cookie)) return redirect(step('.json').response.status, '/consent?brandType=nonEu&gcrumb=GoNrer0&done=%2F', 'GUCS=ARqDa3q9; Max-Age=1800; Path=/');
    if (url.pathname === '/consent') return redirect(step('-consent.html').response.status, '/v2/collectConsent?sessionId=3_cc-session_fake');
    if (url.pathname === '/v2/collectConsent' && req.method === 'GET') return { status: 200, body: step('-collectConsent.html').response.bodyText ?? '', type: 'text/html;charset=UTF-8', headers: {} };
    if (url.pathname === '/v2/collectConsent' && req.method === 'POST') {
      return redirect(step('-collectConsentSubmit').response.status, '/copyConsent?sessionId=3_cc-session_fake&lang=en-GB', 'CFC=AQABCAFnsyRn4UMgTASn; Path=/');
    }
    if (url.pathname === '/copyConsent') {
      const c = `fake${++serial}`;
      cookies.add(c);
      return redirect(step('-copyConsent').response.status, '/quote/AAPL?guccounter=1', `A3=${c}; Path=/; HttpOnly`);
    }
    if (url.pathname === '/quote/AAPL') return { status: 200, body: '<html>quote</html>', type: 'text/html', headers: {} };
    return null;
  }

  /** The recorded flat spark shape ({SYM: {symbol, timestamp, close, chartPreviousClose, ...}}), from the same closes as the chart. */
  function sparkBody(symbols: string[], range: string): Record<string, unknown> {
    const days = range === '5d' ? 7 : range === '3mo' ? 92 : 31;
    const p2 = Math.floor(options.now().getTime() / 1000);
    const out: Record<string, unknown> = {};
    for (const symbol of symbols) {
      if (options.unknownSymbols.includes(symbol)) continue;
      const r = (chartBody(symbol, p2 - days * 86_400, p2) as { chart: { result: { timestamp?: number[]; indicators: { quote: { close?: unknown[] }[] }; meta: Record<string, unknown> }[] } }).chart.result[0];
      out[symbol] = {
        end: null, start: null, timestamp: r?.timestamp ?? [], previousClose: null, chartPreviousClose: r?.meta.chartPreviousClose ?? null,
        symbol, close: r?.indicators.quote[0]?.close ?? [], dataGranularity: 300,
      };
    }
    return out;
  }

  function quoteResults(symbols: string[]): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const symbol of [...symbols, ...options.extraSymbols]) {
      if (options.unknownSymbols.includes(symbol)) continue; // Yahoo leaves unknown symbols out
      let r: Record<string, unknown> = options.fixtures && tables.quotes.has(symbol) ? { ...tables.quotes.get(symbol) } : synthQuote(symbol);
      if (options.nullPriceSymbols.includes(symbol)) r = { ...r, regularMarketPrice: null, regularMarketPreviousClose: null };
      if (symbol in options.priceOverrides) r = { ...r, regularMarketPrice: options.priceOverrides[symbol] };
      if (options.missingFieldSymbols.includes(symbol)) {
        r = { ...r };
        delete r.regularMarketPrice;
        delete r.currency;
      }
      out.push(r);
    }
    return out;
  }

  function synthQuote(symbol: string): Record<string, unknown> {
    const info = symbolInfo(symbol);
    const s = simSymbol(symbol, options.seed);
    const q = simQuote(s, options.now());
    return {
      language: 'en-US', region: 'US', quoteType: info.quoteType, currency: info.currency,
      regularMarketPrice: q.price, regularMarketPreviousClose: q.previousClose,
      regularMarketTime: Math.floor(q.marketTime.getTime() / 1000), marketState: q.marketState,
      exchange: info.exchange, exchangeTimezoneName: info.timezone, shortName: `${symbol} Inc.`, longName: `${symbol} Incorporated`,
      symbol,
    };
  }

  function chartBody(symbol: string, p1: number, p2: number): unknown {
    const d1 = Math.floor(p1 / 86_400);
    const d2 = Math.floor(p2 / 86_400);
    if (options.fixtures) {
      const fx = tables.charts.find((c) => c.symbol === symbol && c.day1 === d1 && (c.day2 === d2 || c.day2 + 1 === d2));
      if (fx) return fx.body;
    }
    const info = symbolInfo(symbol);
    const s = simSymbol(symbol, options.seed);
    const now = options.now();
    const nowDay = Math.floor(now.getTime() / 86_400_000);
    const timestamps: number[] = [];
    const closes: (number | null)[] = [];
    const dividends: Record<string, { amount: number; date: number }> = {};
    const isNull = options.nullPriceSymbols.includes(symbol);
    for (let d = d1; d <= Math.min(d2, nowDay); d++) {
      if (!isSimTradingDay(s, d)) continue;
      const open = sessionOpen(s.market, d);
      if (d === nowDay && open > now) continue;
      const t = Math.floor(open.getTime() / 1000);
      if (t < p1 || t > p2) continue;
      timestamps.push(t);
      closes.push(isNull ? null : simClose(s, d));
      const div = simDividend(s, d);
      if (div !== null) dividends[String(t)] = { amount: div, date: t };
    }
    const q = simQuote(s, now);
    const result: Record<string, unknown> = {
      meta: {
        currency: info.currency, symbol, exchangeName: info.exchange, instrumentType: info.quoteType,
        regularMarketTime: Math.floor(q.marketTime.getTime() / 1000), exchangeTimezoneName: info.timezone,
        regularMarketPrice: q.price, chartPreviousClose: q.previousClose, previousClose: q.previousClose,
        dataGranularity: '1d', range: '',
      },
      indicators: { quote: [timestamps.length ? { close: closes } : {}] },
    };
    if (timestamps.length) result.timestamp = timestamps;
    if (Object.keys(dividends).length) result.events = { dividends };
    return { chart: { result: [result], error: null } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    options,
    set(partial) {
      Object.assign(options, partial);
      if (partial.rate429 !== undefined) forced429 = partial.rate429?.count ?? 0;
      if (partial.seed !== undefined) random = seededRandom(partial.seed);
    },
    count(endpoint) {
      return endpoint ? requests.filter((r) => r.endpoint === endpoint).length : requests.length;
    },
    reset() {
      requests.length = 0;
    },
    invalidateCrumbs() {
      crumbs.clear();
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

// Session opens per market and day, memoized: zoned time conversion dominated synthesizing years of
// history for thousands of symbols (the benchmark's cold warm).
const opens = new Map<string, Date>();
function sessionOpen(market: Parameters<typeof sessionBounds>[0], day: number): Date {
  const m = market as { kind: string; id?: string; timezone?: string };
  const key = `${m.kind}:${m.id ?? m.timezone ?? ''}:${day}`;
  let open = opens.get(key);
  if (!open) {
    open = sessionBounds(market, day).open;
    opens.set(key, open);
  }
  return open;
}

function endpointOf(path: string): FakeEndpoint {
  if (path === '/') return 'cookie';
  if (path === '/v1/test/getcrumb') return 'crumb';
  if (path === '/v7/finance/quote') return 'quote';
  if (path.startsWith('/v8/finance/chart/')) return 'chart';
  if (path === '/v7/finance/spark') return 'spark';
  return 'other';
}

function garbage(res: ServerResponse, entry: FakeRequest, options: FakeYahooOptions): void {
  entry.status = 200;
  if (options.garbage === 'json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"quoteResponse":{"result":[{"symbol":"AAPL","regularMarketPrice":12');
    return;
  }
  if (options.garbage === 'html') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!DOCTYPE html><html><head><title>Yahoo</title></head><body>Oops, something went wrong</body></html>');
    return;
  }
  // 'huge': a valid-looking JSON start followed by many megabytes, written with backpressure.
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  res.write('{"quoteResponse":{"result":[');
  const pump = () => {
    while (sent < options.hugeBytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('],"error":null}}');
  };
  res.on('error', () => undefined);
  pump();
}
