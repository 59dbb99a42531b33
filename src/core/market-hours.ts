/**
 * Exchange sessions: is a market open at an instant, when did it last close, when does it next open.
 * Pure (Intl only, no I/O). Regular hours plus weekends plus rule-based full-day holidays for the US,
 * London and XETRA/Euronext. Known limitation: early closes (e.g. Christmas Eve at 13:00) and one-off
 * closures (national days of mourning) are not modelled; a quote that says CLOSED covers those.
 */
import { isFxPair } from './currency.js';
import { weekday } from './dates.js';
import { ruleOffsetMinutes } from './tz-rules.js';
import { dayNum, euHoliday, ukHoliday, usHoliday } from './holidays.js';

export interface EquityMarket {
  kind: 'equity';
  id: string;
  timezone: string;
  open: number; // minutes after local midnight
  close: number;
  holiday: (y: number, m: number, d: number) => boolean;
}
export type Market = EquityMarket | { kind: 'crypto'; id: 'crypto' } | { kind: 'fx'; id: 'fx' } | { kind: 'unknown'; id: 'unknown' };

export interface MarketHint {
  symbol?: string | null;
  exchangeTimezone?: string | null;
  quoteType?: string | null;
}

export interface Session {
  open: boolean;
  /** Most recent close at or before the instant (null when always open or unknown). */
  lastClose: Date | null;
  /** Next open after the instant (null when always open or unknown). */
  nextOpen: Date | null;
  /** Start of the session in progress, when open. */
  sessionStart: Date | null;
}

const hm = (h: number, m = 0) => h * 60 + m;
const none = () => false;

// ---- markets ---------------------------------------------------------------------------------
const EQUITY: Record<string, Omit<EquityMarket, 'kind' | 'timezone'>> = {
  'America/New_York': { id: 'US', open: hm(9, 30), close: hm(16), holiday: usHoliday },
  'America/Chicago': { id: 'US', open: hm(8, 30), close: hm(15), holiday: usHoliday },
  'America/Toronto': { id: 'TSX', open: hm(9, 30), close: hm(16), holiday: none },
  'Europe/London': { id: 'LSE', open: hm(8), close: hm(16, 30), holiday: ukHoliday },
  'Europe/Berlin': { id: 'XETRA', open: hm(9), close: hm(17, 30), holiday: (y, m, d) => euHoliday(y, m, d, true) },
  'Europe/Paris': { id: 'EURONEXT', open: hm(9), close: hm(17, 30), holiday: (y, m, d) => euHoliday(y, m, d, false) },
  'Europe/Amsterdam': { id: 'EURONEXT', open: hm(9), close: hm(17, 30), holiday: (y, m, d) => euHoliday(y, m, d, false) },
  'Europe/Brussels': { id: 'EURONEXT', open: hm(9), close: hm(17, 30), holiday: (y, m, d) => euHoliday(y, m, d, false) },
  'Europe/Lisbon': { id: 'EURONEXT', open: hm(8), close: hm(16, 30), holiday: (y, m, d) => euHoliday(y, m, d, false) },
  'Europe/Madrid': { id: 'BME', open: hm(9), close: hm(17, 30), holiday: (y, m, d) => euHoliday(y, m, d, false) },
  'Europe/Milan': { id: 'MIL', open: hm(9), close: hm(17, 30), holiday: (y, m, d) => euHoliday(y, m, d, false) },
  'Europe/Zurich': { id: 'SIX', open: hm(9), close: hm(17, 30), holiday: none },
  'Asia/Tokyo': { id: 'TSE', open: hm(9), close: hm(15, 30), holiday: none },
  'Asia/Hong_Kong': { id: 'HKEX', open: hm(9, 30), close: hm(16), holiday: none },
  'Australia/Sydney': { id: 'ASX', open: hm(10), close: hm(16), holiday: none },
};

const SUFFIX_TZ: Record<string, string> = {
  L: 'Europe/London', DE: 'Europe/Berlin', F: 'Europe/Berlin', PA: 'Europe/Paris', AS: 'Europe/Amsterdam',
  BR: 'Europe/Brussels', LS: 'Europe/Lisbon', MC: 'Europe/Madrid', MI: 'Europe/Milan', SW: 'Europe/Zurich',
  TO: 'America/Toronto', T: 'Asia/Tokyo', HK: 'Asia/Hong_Kong', AX: 'Australia/Sydney',
};

// One object per market, shared by every symbol on it: sessionAt remembers answers per object.
const FX_MARKET: Market = Object.freeze({ kind: 'fx', id: 'fx' });
const CRYPTO_MARKET: Market = Object.freeze({ kind: 'crypto', id: 'crypto' });
const UNKNOWN_MARKET: Market = Object.freeze({ kind: 'unknown', id: 'unknown' });
const EQUITY_MARKETS = new Map<string, EquityMarket>(Object.entries(EQUITY).map(([tz, def]) => [tz, Object.freeze({ kind: 'equity' as const, timezone: tz, ...def })]));
const CRYPTO_PAIR = /^[A-Z0-9]+-(USD|EUR|GBP|USDT|USDC|BTC|ETH|JPY)$/;

/** Which market a symbol trades on, from its quote's timezone, type or (failing those) its suffix. */
export function marketFor(hint: MarketHint): Market {
  const symbol = hint.symbol ?? '';
  const type = hint.quoteType ? hint.quoteType.toUpperCase() : '';
  if (type === 'CURRENCY' || isFxPair(symbol)) return FX_MARKET;
  if (type === 'CRYPTOCURRENCY' || CRYPTO_PAIR.test(symbol)) return CRYPTO_MARKET;
  let tz = hint.exchangeTimezone ?? null;
  if (!tz && symbol) {
    const dot = symbol.lastIndexOf('.');
    tz = dot > 0 ? (SUFFIX_TZ[symbol.slice(dot + 1)] ?? null) : /^[A-Z^][A-Z0-9-]*$/.test(symbol) ? 'America/New_York' : null;
  }
  if (tz === 'UTC' || tz === 'Etc/UTC') return CRYPTO_MARKET;
  return (tz && EQUITY_MARKETS.get(tz)) || UNKNOWN_MARKET;
}

// ---- time zones ------------------------------------------------------------------------------
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(at: Date, tz: string): { y: number; m: number; d: number; minutes: number } {
  const offset = ruleOffsetMinutes(at.getTime(), tz);
  if (offset !== null) {
    const w = new Date(at.getTime() + offset * 60_000);
    return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate(), minutes: w.getUTCHours() * 60 + w.getUTCMinutes() };
  }
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year ?? 0, m: p.month ?? 0, d: p.day ?? 0, minutes: (p.hour ?? 0) * 60 + (p.minute ?? 0) };
}

const utcCache = new Map<string, number>();

/** The instant at which the wall clock in `tz` shows local day `day` (day number) + `minutes`. */
export function zonedToUtc(day: number, minutes: number, tz: string): Date {
  const key = `${tz}|${day}|${minutes}`;
  const hit = utcCache.get(key);
  if (hit !== undefined) return new Date(hit);
  if (utcCache.size > 5000) utcCache.clear();
  const t = computeZonedToUtc(day, minutes, tz);
  utcCache.set(key, t);
  return new Date(t);
}

function computeZonedToUtc(day: number, minutes: number, tz: string): number {
  const guess = day * 86_400_000 + minutes * 60_000;
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(t), tz);
    const shown = dayNum(p.y, p.m, p.d) * 86_400_000 + p.minutes * 60_000;
    t += guess - shown;
  }
  return t;
}

function isTradingDay(mkt: EquityMarket, day: number): boolean {
  if (weekday(day) === 0 || weekday(day) === 6) return false;
  const iso = new Date(day * 86_400_000);
  return !mkt.holiday(iso.getUTCFullYear(), iso.getUTCMonth() + 1, iso.getUTCDate());
}

// Callers ask about many symbols at one instant (a dashboard frame of 1,000 holdings, a warm plan,
// a daemon tick), and marketFor hands out one object per market: each remembers its last answer.
const ALWAYS_OPEN: Session = Object.freeze({ open: true, lastClose: null, nextOpen: null, sessionStart: null });
const lastAnswer = new WeakMap<Market, { at: number; session: Session }>();

/** Whether the market is open at `at`, with its last close and next open. */
export function sessionAt(market: Market, at: Date): Session {
  if (market.kind === 'crypto' || market.kind === 'unknown') return ALWAYS_OPEN;
  const t = at.getTime();
  const last = lastAnswer.get(market);
  if (last !== undefined && last.at === t) return last.session;
  const session = market.kind === 'fx' ? fxSession(at) : equitySession(market, at);
  lastAnswer.set(market, { at: t, session });
  return session;
}

function equitySession(market: EquityMarket, at: Date): Session {
  const p = zonedParts(at, market.timezone);
  const today = dayNum(p.y, p.m, p.d);
  const t = at.getTime();
  let open = false;
  let sessionStart: Date | null = null;
  if (isTradingDay(market, today) && p.minutes >= market.open && p.minutes < market.close) {
    open = true;
    sessionStart = zonedToUtc(today, market.open, market.timezone);
  }
  let lastClose: Date | null = null;
  for (let d = today; d > today - 20 && !lastClose; d--) {
    if (!isTradingDay(market, d)) continue;
    const c = zonedToUtc(d, market.close, market.timezone);
    if (c.getTime() <= t) lastClose = c;
  }
  let nextOpen: Date | null = null;
  for (let d = today; d < today + 20 && !nextOpen; d++) {
    if (!isTradingDay(market, d)) continue;
    const o = zonedToUtc(d, market.open, market.timezone);
    if (o.getTime() > t) nextOpen = o;
  }
  return { open, lastClose, nextOpen, sessionStart };
}

// FX trades ~24/5: from Sunday 17:00 to Friday 17:00 New York time.
function fxSession(at: Date): Session {
  const tz = 'America/New_York';
  const p = zonedParts(at, tz);
  const today = dayNum(p.y, p.m, p.d);
  const wd = weekday(today);
  const closed = wd === 6 || (wd === 5 && p.minutes >= hm(17)) || (wd === 0 && p.minutes < hm(17));
  const friday = today - ((wd - 5 + 7) % 7);
  const lastClose = zonedToUtc(friday, hm(17), tz);
  const sunday = friday + 2;
  if (!closed) {
    const start = zonedToUtc(wd === 0 ? today : today - wd, hm(17), tz);
    return { open: true, lastClose: lastClose.getTime() <= at.getTime() ? lastClose : zonedToUtc(friday - 7, hm(17), tz), nextOpen: null, sessionStart: start };
  }
  return { open: false, lastClose, nextOpen: zonedToUtc(sunday, hm(17), tz), sessionStart: null };
}

/** Whether `day` (day number, local calendar) is a trading day: crypto always, FX and unknown on weekdays. */
export function isTradingDayFor(market: Market, day: number): boolean {
  if (market.kind === 'crypto') return true;
  if (market.kind === 'equity') return isTradingDay(market, day);
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** Local open and close of a trading day as instants (crypto and FX: the UTC day). */
export function sessionBounds(market: Market, day: number): { open: Date; close: Date } {
  if (market.kind === 'equity') return { open: zonedToUtc(day, market.open, market.timezone), close: zonedToUtc(day, market.close, market.timezone) };
  return { open: new Date(day * 86_400_000), close: new Date((day + 1) * 86_400_000 - 1) };
}
