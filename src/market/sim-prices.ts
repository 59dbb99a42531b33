/**
 * Deterministic simulated prices: a random walk per symbol with no state to keep. The log price is
 * a sum of value-noise octaves (1, 2, 4 ... 2048 days) with amplitude growing like sqrt(scale),
 * which looks and behaves like a random walk yet costs O(12) per day, so any (symbol, day) can be
 * priced directly. Known symbols (sim-known.ts) pass through approximate real levels with their
 * asset class's volatility and drift; others get a seeded level. Used by the sim provider, the
 * demo and the fake Yahoo server in tests.
 */
import { isTradingDayFor, marketFor, sessionBounds, type Market } from '../core/market-hours.js';
import { isMinorUnit } from '../core/currency.js';
import { isoToDay } from '../core/dates.js';
import { SIM_CLASS_PARAMS, SIM_KNOWN, type SimAssetClass, type SimSplit } from './sim-known.js';
import { hashString, symbolInfo, type SymbolInfo } from './symbols.js';

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
  /** Scale of the noise (log units per unit of `noise`) and drift per calendar day. */
  noiseScale: number;
  /** Shared market factor (equities move together, so do coins) and the weight of each part. */
  factorSeed: number;
  factorWeight: number;
  ownWeight: number;
  driftPerDay: number;
  /** Fixed points of the log price by day (at least one), with the scaled noise there. */
  anchors: readonly Anchor[];
  /** Known splits, oldest first; simClose is adjusted for them, simTradedClose is not. */
  splits: readonly (SimSplit & { day: number })[];
}

interface Anchor {
  day: number;
  logp: number;
  noise: number;
}

const cache = new Map<string, SimSymbol>();
/** Generic symbols are anchored here, at a seeded level. */
const GENERIC_ANCHOR_DAY = isoToDay('2025-01-02');
// The octave sum below moves like a random walk: std ~1.115 * sqrt(days) over a year.
const NOISE_PER_YEAR = 1.115 * Math.sqrt(365);

function assetClassOf(info: SymbolInfo): SimAssetClass {
  return info.quoteType === 'CURRENCY' ? 'fx' : info.quoteType === 'CRYPTOCURRENCY' ? 'crypto' : 'stock';
}

/** A seeded level for a symbol the simulation does not know, in the provider's units. */
function genericLevel(symbol: string, info: SymbolInfo, h: number): number {
  let base: number;
  if (info.quoteType === 'CURRENCY') base = symbol.startsWith(info.currency) ? 1 : 0.5 + (h % 1000) / 1000;
  else if (info.quoteType === 'CRYPTOCURRENCY') base = 0.5 + (h % 5_000) / 10; // 0.5 to 500: the many small coins
  else base = 10 + (h % 490);
  if (isMinorUnit(info.currency)) base *= 10;
  return base;
}

export function simSymbol(symbol: string, seed = 1): SimSymbol {
  const key = `${seed}:${symbol}`;
  let s = cache.get(key);
  if (!s) {
    const info = symbolInfo(symbol);
    const h = hashString(key);
    const known = SIM_KNOWN[symbol];
    const assetClass = known?.assetClass ?? assetClassOf(info);
    const { vol, drift, factorShare } = SIM_CLASS_PARAMS[assetClass];
    const noiseScale = (known?.vol ?? vol) / NOISE_PER_YEAR;
    // Coins share one factor, stocks and funds another (bonds and FX have none).
    const factor = assetClass === 'crypto' ? 'crypto' : 'equity';
    const part = { factorSeed: hashString(`${seed}:factor:${factor}`), factorWeight: Math.sqrt(factorShare), ownWeight: Math.sqrt(1 - factorShare) };
    const levels: [number, number][] = known
      ? Object.entries(known.levels).map(([date, level]) => [isoToDay(date), level])
      : [[GENERIC_ANCHOR_DAY, genericLevel(symbol, info, h)]];
    const anchors = levels.map(([day, level]) => ({ day, logp: Math.log(level), noise: noiseScale * mixedNoise(h, part, day) })).sort((a, b) => a.day - b.day);
    s = {
      symbol,
      seed: h,
      market: marketFor({ symbol, exchangeTimezone: info.timezone, quoteType: info.quoteType }),
      noiseScale,
      ...part,
      driftPerDay: drift / 365,
      anchors,
      splits: (known?.splits ?? []).map((x) => ({ ...x, day: isoToDay(x.date) })).sort((a, b) => a.day - b.day),
    };
    cache.set(key, s);
  }
  return s;
}

/** Sum of value-noise octaves (1 to 2048 days): a random walk in shape, computable for any day. */
function noise(seed: number, day: number): number {
  let n = 0;
  for (let k = 0; k < 12; k++) {
    const scale = 2 ** k;
    const x = day / scale;
    const i = Math.floor(x);
    const f = x - i;
    const a = mix(seed, k, i) * 2 - 1;
    const b = mix(seed, k, i + 1) * 2 - 1;
    n += Math.sqrt(scale) * (a + (b - a) * f);
  }
  return n;
}

const factorCache = new Map<number, Map<number, number>>();

/** The symbol's own noise blended with its market's; the factor is memoized (all symbols share it). */
function mixedNoise(seed: number, p: { factorSeed: number; factorWeight: number; ownWeight: number }, day: number): number {
  if (p.factorWeight === 0) return noise(seed, day);
  let days = factorCache.get(p.factorSeed);
  if (!days) factorCache.set(p.factorSeed, (days = new Map()));
  let f = days.get(day);
  if (f === undefined) days.set(day, (f = noise(p.factorSeed, day)));
  return p.ownWeight * noise(seed, day) + p.factorWeight * f;
}

/**
 * Close of `day` (day number); same value on every call. Between two anchors the walk is bridged
 * (it passes through both); before the first or after the last it drifts from the nearest one.
 */
export function simClose(s: SimSymbol, day: number): number {
  const first = s.anchors[0] as Anchor;
  const last = s.anchors[s.anchors.length - 1] as Anchor;
  const n = s.noiseScale * mixedNoise(s.seed, s, day);
  let logp: number;
  if (day <= first.day) logp = first.logp + s.driftPerDay * (day - first.day) + n - first.noise;
  else if (day >= last.day) logp = last.logp + s.driftPerDay * (day - last.day) + n - last.noise;
  else {
    let i = 0;
    while ((s.anchors[i + 1] as Anchor).day < day) i++;
    const a = s.anchors[i] as Anchor;
    const b = s.anchors[i + 1] as Anchor;
    const t = (day - a.day) / (b.day - a.day);
    logp = a.logp + t * (b.logp - a.logp) + n - (1 - t) * a.noise - t * b.noise;
  }
  return Math.round(Math.exp(logp) * 10_000) / 10_000;
}

/** How many of today's shares one share of `day` became (the product of later splits). */
export function simSplitFactor(s: SimSymbol, day: number): number {
  let f = 1;
  for (const x of s.splits) if (x.day > day) f *= x.numerator / x.denominator;
  return f;
}

/** The close as traded that day: before a later split, N/M times the adjusted close. */
export function simTradedClose(s: SimSymbol, day: number): number {
  const f = simSplitFactor(s, day);
  return f === 1 ? simClose(s, day) : Math.round(simClose(s, day) * f * 10_000) / 10_000;
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
