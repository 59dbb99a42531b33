/**
 * Parsing Yahoo's answers defensively. Nothing here trusts the body: HTML pages with status 200,
 * truncated JSON, null or negative prices, symbols nobody asked for and missing fields all become
 * per-symbol failures with a reason instead of exceptions or bad rows in the cache.
 */
import { dayToIso } from '../../core/dates.js';
import { zonedParts } from '../../core/market-hours.js';
import { MarketError } from '../errors.js';
import { toMajorUnits } from '../../core/currency.js';
import type { ProviderHistory, ProviderQuote, SymbolFailure } from '../types.js';

type Json = Record<string, unknown>;

export function parseJsonBody(body: string): unknown {
  const head = body.trimStart().slice(0, 64).toLowerCase();
  if (head.startsWith('<')) throw new MarketError('bad-data', 'provider answered an HTML page instead of JSON');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new MarketError('bad-data', 'provider answered malformed JSON');
  }
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isoFromUnix = (v: unknown): string | null => {
  const n = num(v);
  return n !== null && n > 0 ? new Date(n * 1000).toISOString() : null;
};

/** Validates a price: a finite number > 0, else the reason it is not one. */
export function priceProblem(v: unknown): string | null {
  if (v === undefined) return 'no price in the answer';
  if (v === null) return 'price is null';
  if (typeof v !== 'number' || !Number.isFinite(v)) return `price is not a number (${JSON.stringify(v)})`;
  if (v <= 0) return `price is not positive (${v})`;
  return null;
}

/** A /v7/finance/quote body -> quotes for the asked symbols plus a failure for every other asked symbol. */
export function parseQuotes(body: string, asked: readonly string[]): { quotes: ProviderQuote[]; failures: SymbolFailure[] } {
  const failAll = (message: string) => ({ quotes: [], failures: asked.map((symbol) => ({ symbol, message, temporary: false })) });
  let data: unknown;
  try {
    data = parseJsonBody(body);
  } catch (err) {
    return failAll((err as Error).message);
  }
  const result = isObj(data) && isObj(data.quoteResponse) ? data.quoteResponse.result : undefined;
  if (!Array.isArray(result)) return failAll('unexpected answer: no quoteResponse.result');
  const wanted = new Map(asked.map((s) => [s.toUpperCase(), s]));
  const quotes: ProviderQuote[] = [];
  const failures: SymbolFailure[] = [];
  const seen = new Set<string>();
  for (const r of result) {
    if (!isObj(r) || typeof r.symbol !== 'string') continue;
    const symbol = wanted.get(r.symbol.toUpperCase());
    if (!symbol || seen.has(symbol)) continue; // an answer for a symbol nobody asked for is ignored
    seen.add(symbol);
    const problem = priceProblem(r.regularMarketPrice);
    const currency = str(r.currency);
    if (problem) failures.push({ symbol, message: problem, temporary: false });
    else if (!currency) failures.push({ symbol, message: 'no currency in the answer', temporary: false });
    else {
      const { currency: major, divisor } = toMajorUnits(currency);
      const prev = num(r.regularMarketPreviousClose);
      quotes.push({
        symbol,
        price: (r.regularMarketPrice as number) / divisor,
        previousClose: prev !== null && prev > 0 ? prev / divisor : null,
        currency: major,
        name: str(r.longName) ?? str(r.shortName),
        marketTime: isoFromUnix(r.regularMarketTime),
        marketState: str(r.marketState),
        exchangeTimezone: str(r.exchangeTimezoneName),
        quoteType: str(r.quoteType),
        exchange: str(r.exchange),
        week52Low: positive(num(r.fiftyTwoWeekLow), divisor),
        week52High: positive(num(r.fiftyTwoWeekHigh), divisor),
        ...(isoFromUnix(r.dividendDate) ? { dividendDate: (isoFromUnix(r.dividendDate) as string).slice(0, 10) } : {}),
      });
    }
  }
  for (const symbol of asked) {
    if (seen.has(symbol)) continue;
    failures.push(
      result.length > 0
        ? { symbol, message: 'unknown symbol: not in the provider answer', unknown: true, temporary: false }
        : { symbol, message: 'provider returned no quotes', temporary: false },
    );
  }
  return { quotes, failures };
}

function validTimezone(tz: string | null): string | null {
  if (!tz) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

interface ChartParsed {
  history: ProviderHistory;
  meta: Json;
}

/** A /v8/finance/chart body -> daily bars (minor units converted) within [from, to]. Throws MarketError. */
export function parseChart(status: number, body: string, symbol: string, from: string, to: string): ChartParsed {
  let data: unknown;
  try {
    data = parseJsonBody(body);
  } catch (err) {
    if (status === 404) throw new MarketError('unknown-symbol', 'unknown symbol (provider says not found)');
    throw err;
  }
  const chart = isObj(data) && isObj(data.chart) ? data.chart : null;
  const error = chart && isObj(chart.error) ? chart.error : null;
  if (status === 404 || (error && /not found/i.test(String(error.code)))) {
    throw new MarketError('unknown-symbol', `unknown symbol (${str(error?.description) ?? 'not found'})`);
  }
  if (status >= 400) throw new MarketError('http', `HTTP ${status} from chart${error ? `: ${String(error.description ?? error.code)}` : ''}`, { status });
  const result = chart && Array.isArray(chart.result) && isObj(chart.result[0]) ? chart.result[0] : null;
  if (!result) throw new MarketError('bad-data', 'unexpected answer: no chart result');
  const meta = isObj(result.meta) ? result.meta : {};
  const rawCurrency = str(meta.currency);
  const { currency, divisor } = rawCurrency ? toMajorUnits(rawCurrency) : { currency: null, divisor: 1 };
  const tz = validTimezone(str(meta.exchangeTimezoneName));
  const offset = num(meta.gmtoffset) ?? 0;
  const dateOf = (t: number): string => {
    if (tz) {
      const p = zonedParts(new Date(t * 1000), tz);
      return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
    }
    return dayToIso(Math.floor((t + offset) / 86_400));
  };
  const indicators = isObj(result.indicators) ? result.indicators : {};
  const quote0 = Array.isArray(indicators.quote) && isObj(indicators.quote[0]) ? indicators.quote[0] : {};
  const closes = quote0.close;
  const timestamps = result.timestamp;
  const bars = new Map<string, number>();
  if (!Array.isArray(timestamps)) {
    // An empty range has no timestamps and an empty quote object; closes without times are broken.
    if (Array.isArray(closes) && closes.length > 0) throw new MarketError('bad-data', 'chart has closes but no timestamps');
  } else {
    if (!Array.isArray(closes) || closes.length !== timestamps.length) throw new MarketError('bad-data', 'chart timestamps and closes do not match');
    let nulls = 0;
    timestamps.forEach((t, i) => {
      const c = closes[i];
      const tn = num(t);
      if (tn === null || priceProblem(c) !== null) return void nulls++;
      const date = dateOf(tn);
      if (date >= from && date <= to) bars.set(date, (c as number) / divisor);
    });
    if (timestamps.length > 0 && nulls === timestamps.length) throw new MarketError('bad-data', 'chart has no valid closes (all null or not positive)');
  }
  const events = isObj(result.events) ? result.events : {};
  const dividends = Object.values(isObj(events.dividends) ? events.dividends : {})
    .filter(isObj)
    .flatMap((d) => {
      const amount = num(d.amount);
      const t = num(d.date);
      return amount !== null && amount > 0 && t !== null ? [{ date: dateOf(t), amount: amount / divisor }] : [];
    })
    .filter((d) => d.date >= from && d.date <= to);
  const splits = Object.values(isObj(events.splits) ? events.splits : {})
    .filter(isObj)
    .flatMap((s) => {
      const n = num(s.numerator);
      const d = num(s.denominator);
      const t = num(s.date);
      return n !== null && d !== null && n > 0 && d > 0 && t !== null ? [{ date: dateOf(t), numerator: n, denominator: d }] : [];
    })
    .filter((s) => s.date >= from && s.date <= to);
  const sorted = [...bars.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, close]) => ({ date, close }));
  return { history: { symbol, currency, bars: sorted, dividends, splits }, meta };
}

/** A quote built from a chart's `meta` (the fallback when the quote endpoint refuses). */
export function quoteFromChartMeta(symbol: string, meta: Json, lastCloses: { close: number }[]): ProviderQuote | SymbolFailure {
  const problem = priceProblem(meta.regularMarketPrice);
  if (problem) return { symbol, message: `chart fallback: ${problem}`, temporary: false };
  const raw = str(meta.currency);
  if (!raw) return { symbol, message: 'chart fallback: no currency', temporary: false };
  const { currency, divisor } = toMajorUnits(raw);
  const prevMeta = num(meta.previousClose) ?? num(meta.chartPreviousClose);
  const prev = lastCloses.length >= 2 ? (lastCloses[lastCloses.length - 2]?.close ?? null) : prevMeta !== null ? prevMeta / divisor : null;
  return {
    symbol,
    price: (meta.regularMarketPrice as number) / divisor,
    previousClose: prev,
    currency,
    name: str(meta.longName) ?? str(meta.shortName),
    marketTime: isoFromUnix(meta.regularMarketTime),
    marketState: null,
    exchangeTimezone: str(meta.exchangeTimezoneName),
    quoteType: str(meta.instrumentType),
    exchange: str(meta.exchangeName),
  };
}

/**
 * Yahoo's daily closes and dividends are adjusted for every split up to today. The cache keeps
 * prices as traded (so quantity x close matches the ledger, and a stored close never needs
 * rewriting when a later split happens): values dated before a split are multiplied back by N/M.
 */
export function unadjustSplits(h: ProviderHistory, knownSplits: readonly { date: string; numerator: number; denominator: number }[]): ProviderHistory {
  const byDate = new Map<string, number>();
  for (const s of [...knownSplits, ...h.splits]) byDate.set(s.date, s.numerator / s.denominator);
  if (byDate.size === 0) return h;
  const splits = [...byDate].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const factor = (date: string) => splits.reduce((f, [d, r]) => (d > date ? f * r : f), 1);
  return {
    ...h,
    bars: h.bars.map((b) => ({ date: b.date, close: b.close * factor(b.date) })),
    dividends: h.dividends.map((d) => ({ date: d.date, amount: d.amount * factor(d.date) })),
  };
}

/** A positive number in major units, else null (Yahoo sends 0 for a range it does not know). */
function positive(v: number | null, divisor: number): number | null {
  return v !== null && v > 0 ? v / divisor : null;
}
