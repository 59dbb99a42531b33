/**
 * Shared answer checks for the JSON providers: an HTTP status turned into the error that tells the
 * chain whether another provider may be asked, and bodies parsed without trusting them.
 */
import { MarketError } from '../errors.js';
import type { HttpResponse } from '../http.js';

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const numOf = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** Throws the MarketError a non-2xx answer means; bad keys are named without the key. */
export function checkStatus(res: HttpResponse, provider: string, endpoint: string): void {
  if (res.status >= 200 && res.status < 300) return;
  if (res.status === 401 || res.status === 403) throw new MarketError('http', `${provider} refused the request (HTTP ${res.status}: bad or missing API key?)`, { status: res.status });
  if (res.status === 404) throw new MarketError('unknown-symbol', `${provider} does not know it (HTTP 404 from ${endpoint})`, { status: 404 });
  throw new MarketError('http', `HTTP ${res.status} from ${provider} ${endpoint}`, { status: res.status });
}

/** JSON body or a MarketError('bad-data'); a text or HTML body is never taken for data. */
export function jsonOf(res: HttpResponse, provider: string): unknown {
  const head = res.body.trimStart().slice(0, 1);
  if (head !== '{' && head !== '[') throw new MarketError('bad-data', `${provider} answered ${res.body.trim() ? `text instead of JSON: "${res.body.trim().slice(0, 80)}"` : 'an empty body'}`);
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw new MarketError('bad-data', `${provider} answered malformed JSON`);
  }
}

/** ISO date YYYY-MM-DD of a unix time in milliseconds (UTC). */
export const dayOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A US listing's ticker in the dash form (BRK.B -> BRK-B), or null for other exchanges, FX and crypto. */
export function usTicker(symbol: string): string | null {
  if (/=X$/.test(symbol) || /^[A-Z0-9]+-(USD|EUR|GBP|BTC|ETH|USDT)$/.test(symbol)) return null;
  const m = /^([A-Z0-9^]+)(?:[.-]([A-Z]{1,2}))?$/.exec(symbol);
  if (!m) return null;
  if (m[2] === undefined) return m[1] as string;
  // One-letter class shares (BRK.B); L, F and T are exchanges (London, Frankfurt, Tokyo).
  return m[2].length === 1 && !['L', 'F', 'T'].includes(m[2]) ? `${m[1]}-${m[2]}` : null;
}

export const notCovered = (provider: string, what: string) => new MarketError('not-covered', `${provider} does not cover it (${what})`);
