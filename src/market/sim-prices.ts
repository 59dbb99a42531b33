/**
 * Deterministic simulated prices: a random walk per symbol with no state to keep. The log price is
 * a sum of value-noise octaves (1, 2, 4 ... 2048 days) with amplitude growing like sqrt(scale),
 * which looks and behaves like a random walk yet costs O(12) per day, so any (symbol, day) can be
 * priced directly. Used by the sim provider and by the fake Yahoo server in tests.
 */
import { isTradingDayFor, marketFor, sessionBounds, type Market } from '../core/market-hours.js';
import { hashString, symbolInfo } from './symbols.js';

function mix(a: number, b: number, c: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export interface SimSymbol {
  symbol: string;
  seed: number;
  market: Market;
  base: number;
}

const cache = new Map<string, SimSymbol>();

export function simSymbol(symbol: string, seed = 1): SimSymbol {
  const key = `${seed}:${symbol}`;
  let s = cache.get(key);
  if (!s) {
    const info = symbolInfo(symbol);
    const h = hashString(key);
    let base: number;
    if (info.quoteType === 'CURRENCY') base = symbol.startsWith(info.currency) ? 1 : 0.5 + (h % 1000) / 1000;
    else if (info.quoteType === 'CRYPTOCURRENCY') base = 100 + (h % 50_000);
    else base = 10 + (h % 490);
    if (info.currency === 'GBp' || info.currency === 'ZAc' || info.currency === 'ILA') base *= 10;
    s = { symbol, seed: h, market: marketFor({ symbol, exchangeTimezone: info.timezone, quoteType: info.quoteType }), base };
    cache.set(key, s);
  }
  return s;
}

/** Close of `day` (day number); same value on every call. */
export function simClose(s: SimSymbol, day: number): number {
  const vol = s.market.kind === 'fx' ? 0.003 : s.market.kind === 'crypto' ? 0.03 : 0.012;
  let logp = 0;
  for (let k = 0; k < 12; k++) {
    const scale = 2 ** k;
    const x = day / scale;
    const i = Math.floor(x);
    const f = x - i;
    const a = mix(s.seed, k, i) * 2 - 1;
    const b = mix(s.seed, k, i + 1) * 2 - 1;
    logp += vol * Math.sqrt(scale) * (a + (b - a) * f);
  }
  return Math.round(s.base * Math.exp(logp * 0.5) * 10_000) / 10_000;
}

export function isSimTradingDay(s: SimSymbol, day: number): boolean {
  return isTradingDayFor(s.market, day);
}

export function previousTradingDay(s: SimSymbol, day: number): number {
  let d = day - 1;
  while (!isTradingDayFor(s.market, d) && d > day - 15) d--;
  return d;
}

export interface SimQuote {
  price: number;
  previousClose: number;
  marketTime: Date;
  marketState: 'REGULAR' | 'CLOSED';
}

/** The price at an instant: moves within the session from the previous close to the day's close. */
export function simQuote(s: SimSymbol, now: Date): SimQuote {
  const today = Math.floor(now.getTime() / 86_400_000);
  // The local trading day may differ from the UTC day around midnight; check both neighbours.
  for (const day of [today + 1, today, today - 1]) {
    if (!isTradingDayFor(s.market, day)) continue;
    const { open, close } = sessionBounds(s.market, day);
    const prev = simClose(s, previousTradingDay(s, day));
    if (now >= open && now < close) {
      const f = (now.getTime() - open.getTime()) / (close.getTime() - open.getTime());
      const target = simClose(s, day);
      const minute = Math.floor(now.getTime() / 60_000);
      const wobble = (mix(s.seed, 99, minute) - 0.5) * 0.004;
      const price = Math.round((prev + (target - prev) * f) * (1 + wobble) * 10_000) / 10_000;
      return { price, previousClose: prev, marketTime: now, marketState: 'REGULAR' };
    }
    if (now >= close) return { price: simClose(s, day), previousClose: prev, marketTime: close, marketState: 'CLOSED' };
  }
  // Before today's open (or on a non-trading day): the last close stands.
  let d = today;
  while ((!isTradingDayFor(s.market, d) || sessionBounds(s.market, d).close > now) && d > today - 15) d--;
  return { price: simClose(s, d), previousClose: simClose(s, previousTradingDay(s, d)), marketTime: sessionBounds(s.market, d).close, marketState: 'CLOSED' };
}

/** Quarterly dividends (15th of Feb/May/Aug/Nov, when a trading day) for a third of equities. */
export function simDividend(s: SimSymbol, day: number): number | null {
  if (s.market.kind !== 'equity' || s.seed % 3 !== 0) return null;
  const date = new Date(day * 86_400_000);
  if (date.getUTCDate() !== 15 || date.getUTCMonth() % 3 !== 1) return null;
  return Math.round(simClose(s, day) * 0.005 * 100) / 100;
}
