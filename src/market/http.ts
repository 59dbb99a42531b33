/**
 * HTTP for providers: got (lazy-imported) behind a process-wide bottleneck limiter per provider and
 * the SQLite circuit breaker. Each attempt is logged to http_log and counted by the breaker, so an
 * outage costs at most `failureThreshold` (+ in-flight) requests before the breaker stops them.
 * Retries: network errors and 5xx with exponential backoff and jitter; 429 waits for Retry-After;
 * other 4xx are returned to the caller unretried.
 */
import type { Got } from 'got';
import type Bottleneck from 'bottleneck';
import { setMaxListeners } from 'node:events';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from '../store/db.js';
import { breakerAllow, breakerFailure, breakerSuccess, type BreakerConfig } from '../store/breaker.js';
import { logHttp } from '../store/http-log.js';
import { MarketError } from './errors.js';
import { stripSecretsOnCrossOrigin } from './redirect-guard.js';

export interface HttpConfig {
  timeoutMs: number;
  connectTimeoutMs: number;
  retries: number;
  backoffMs: number;
  maxRetryAfterSeconds: number;
  maxBodyBytes: number;
  requestsPerSecond: number;
  concurrency: number;
}

export interface HttpRequest {
  url: string;
  /** Default GET; POST carries `body` (a form). */
  method?: 'GET' | 'POST';
  body?: string;
  /** Default true; false returns 3xx answers to the caller (to collect each hop's cookies). */
  followRedirect?: boolean;
  endpoint: string;
  symbols?: readonly string[];
  headers?: Record<string, string>;
  signal?: AbortSignal;
  context?: string;
  /** POST this value as a JSON body (OpenFIGI's mapping API); GET without it. */
  json?: unknown;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Requests that reached the network so far (each retry counts). */
  count(): number;
  close(): void;
}

export interface HttpDeps {
  db: Db;
  now: () => Date;
  provider: string;
  config: HttpConfig;
  breaker: BreakerConfig;
  /** How the client waits between attempts (backoff, Retry-After); tests inject a virtual one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

// One limiter per provider for the whole process: the dashboard, warm and daemon code paths share it.
const limiters = new Map<string, Bottleneck>();

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

export async function createHttpClient(deps: HttpDeps): Promise<HttpClient> {
  const [{ default: got }, { default: BottleneckCtor }] = await Promise.all([import('got'), import('bottleneck')]);
  const key = `${deps.provider}:${deps.config.requestsPerSecond}:${deps.config.concurrency}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = newLimiter(BottleneckCtor, deps.config);
    limiters.set(key, limiter);
  }
  const agents = { http: new Agent({ keepAlive: true, maxSockets: 16 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }) };
  const client = got.extend({
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: true,
    maxRedirects: 3,
    hooks: {
      beforeRedirect: [
        (options, response) => {
          if (options.url instanceof URL) stripSecretsOnCrossOrigin(new URL(response.url), options.url);
        },
      ],
    },
    agent: agents,
    timeout: { connect: deps.config.connectTimeoutMs, request: deps.config.timeoutMs },
    headers: { 'user-agent': USER_AGENT, accept: 'application/json,text/plain,*/*' },
  });
  const lim = limiter;
  const counter = { n: 0 };
  return {
    request: (req) => requestWithRetries(client, lim, deps, req, counter),
    count: () => counter.n,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** The limiter of one provider: at most `concurrency` requests at once, starts spaced for the rate. */
export function newLimiter(Ctor: typeof Bottleneck, config: Pick<HttpConfig, 'requestsPerSecond' | 'concurrency'>): Bottleneck {
  const limiter = new Ctor({ maxConcurrent: config.concurrency, minTime: spacingMs(config.requestsPerSecond) });
  skipIdleYields(limiter);
  return limiter;
}

/**
 * Milliseconds between request starts for a rate: 1000 / rps plus a small margin, so that a rate set
 * to exactly the provider's limit is not tripped by timer rounding (a timer can fire a millisecond
 * "early" by Date.now()) when the provider counts requests in a sliding one-second window.
 */
export const SPACING_MARGIN_MS = 2;
export function spacingMs(requestsPerSecond: number): number {
  return Math.ceil(1000 / requestsPerSecond + SPACING_MARGIN_MS);
}

/**
 * bottleneck's in-memory datastore awaits a setTimeout(0) in each internal step (it mimics its Redis
 * store), which costs 3-5 ms of timer turns per request even on an idle limiter: a tenth of a
 * 50 ms refresh. A resolved promise keeps every step asynchronous and in the same order. bottleneck
 * 2.19.5 is its last release; if the internals ever differ, this does nothing.
 */
export function skipIdleYields(limiter: Bottleneck): boolean {
  const store = (limiter as unknown as { _store?: { yieldLoop?: unknown } })._store;
  if (!store || typeof store.yieldLoop !== 'function') return false;
  store.yieldLoop = () => Promise.resolve();
  return true;
}

async function requestWithRetries(got: Got, limiter: Bottleneck, deps: HttpDeps, req: HttpRequest, counter: { n: number }): Promise<HttpResponse> {
  const { config } = deps;
  // One caller's signal is shared by every request it queues (warm: one per symbol), each adding an
  // abort listener: lift Node's limit of 10 so it does not print a false "memory leak" warning.
  if (req.signal) setMaxListeners(0, req.signal);
  let last: MarketError | null = null;
  let timeouts = 0;
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    if (req.signal?.aborted) throw new MarketError('aborted', 'request abandoned');
    let waitMs = backoff(config.backoffMs, attempt);
    let started = performance.now();
    let sent = false;
    try {
      const res = await scheduled(limiter, req.signal, () => {
        // Asked at the moment the request would go out, so queued requests stop once it opens.
        const admission = breakerAllow(deps.db, deps.provider, deps.breaker, deps.now());
        if (!admission.allowed) {
          const why = last ? ` after: ${last.message}` : '';
          throw new MarketError('circuit-open', `${deps.provider} circuit is ${admission.state}${why}; not asking until ${admission.retryAt?.toISOString() ?? 'later'}`);
        }
        counter.n++;
        sent = true;
        started = performance.now();
        return once(got, config, req);
      });
      const ms = performance.now() - started;
      logHttp(deps.db, { provider: deps.provider, endpoint: req.endpoint, symbols: req.symbols, status: res.status, ms, context: req.context }, deps.now());
      if (res.status < 500 && res.status !== 429) {
        breakerSuccess(deps.db, deps.provider, deps.now());
        return res;
      }
      if (res.status === 429) {
        const retryAfter = parseRetryAfter(res.headers['retry-after'], deps.now());
        last = new MarketError('rate-limited', `rate limited (429${retryAfter !== null ? `, retry after ${retryAfter} s` : ''})`, { status: 429 });
        breakerFailure(deps.db, deps.provider, deps.breaker, deps.now(), 'HTTP 429');
        if (retryAfter !== null && retryAfter > config.maxRetryAfterSeconds) break; // not worth waiting for
        // Jitter on top of Retry-After, so that parallel callers told the same wait do not all come back at once.
        waitMs = retryAfter !== null ? retryAfter * 1000 + Math.random() * Math.max(config.backoffMs, 250) : waitMs;
      } else {
        last = new MarketError('http', `HTTP ${res.status} from ${req.endpoint}`, { status: res.status });
        breakerFailure(deps.db, deps.provider, deps.breaker, deps.now(), `HTTP ${res.status}`);
      }
    } catch (err) {
      if (err instanceof MarketError && err.kind === 'circuit-open') throw err;
      if (err instanceof MarketError && (err.kind === 'aborted' || err.kind === 'too-large')) {
        if (sent) logHttp(deps.db, { provider: deps.provider, endpoint: req.endpoint, symbols: req.symbols, status: null, ms: performance.now() - started, error: err.message, context: req.context }, deps.now());
        if (err.kind === 'too-large') breakerSuccess(deps.db, deps.provider, deps.now()); // it did answer
        throw err;
      }
      const me = toMarketError(err);
      logHttp(deps.db, { provider: deps.provider, endpoint: req.endpoint, symbols: req.symbols, status: null, ms: performance.now() - started, error: me.message, context: req.context }, deps.now());
      breakerFailure(deps.db, deps.provider, deps.breaker, deps.now(), me.message);
      last = me;
      // A hung provider costs a full timeout per attempt: one retry is all a timeout gets.
      if (me.kind === 'timeout' && ++timeouts >= 2) break;
    }
    if (attempt < config.retries) await (deps.sleep ?? sleep)(waitMs, req.signal);
  }
  throw last ?? new MarketError('network', 'request failed');
}

function backoff(baseMs: number, attempt: number): number {
  return baseMs * 2 ** attempt + Math.random() * baseMs;
}

async function once(got: Got, config: HttpConfig, req: HttpRequest): Promise<HttpResponse> {
  let tooLarge = false;
  const p = got(req.url, {
    headers: req.headers, signal: req.signal, responseType: 'text', method: req.json !== undefined ? 'POST' : (req.method ?? 'GET'),
    ...(req.json !== undefined ? { json: req.json } : req.body !== undefined ? { body: req.body } : {}),
    ...(req.followRedirect === false ? { followRedirect: false } : {}),
  });
  p.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
    if (!tooLarge && (progress.transferred > config.maxBodyBytes || (progress.total ?? 0) > config.maxBodyBytes)) {
      tooLarge = true;
      p.cancel();
    }
  });
  try {
    const res = await p;
    return { status: res.statusCode, body: res.body, headers: res.headers };
  } catch (err) {
    if (tooLarge) throw new MarketError('too-large', `response larger than ${config.maxBodyBytes} bytes`);
    if (req.signal?.aborted) throw new MarketError('aborted', 'request abandoned');
    throw err;
  }
}

/** Runs fn through the limiter, but lets an abort end the wait at once (queued jobs then no-op). */
function scheduled<T>(limiter: Bottleneck, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  const job = limiter.schedule(() => (signal?.aborted ? Promise.reject(new MarketError('aborted', 'request abandoned')) : fn()));
  if (!signal) return job;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new MarketError('aborted', 'request abandoned'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    job.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Waits `ms`; an abort rejects with MarketError('aborted'). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw new MarketError('aborted', 'request abandoned');
    throw err;
  }
}

/** Retry-After in seconds: a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, (t - now.getTime()) / 1000);
}

function toMarketError(err: unknown): MarketError {
  if (err instanceof MarketError) return err;
  const e = err as { code?: string; name?: string; message?: string };
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') return new MarketError('timeout', `no answer in time (${e.message ?? 'timeout'})`);
  return new MarketError('network', `network error: ${e.code ?? e.message ?? String(err)}`);
}
