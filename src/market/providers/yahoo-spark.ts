/**
 * Yahoo's spark: daily closes of many symbols in one request,
 * GET {base}/v7/finance/spark?symbols=A,B&range=1mo&interval=1d. The recorded answer is flat
 * (`{"AAPL": {symbol, timestamp[], close[], chartPreviousClose}}`); an older nested form
 * (`{"spark": {"result": [{symbol, response: [<chart result>]}]}}`) is read too. Timestamps are
 * session opens except the last (the last trade): the caller keeps only days whose close is final.
 * No currency, no dividends or splits: those come from the chart, for first fills, gaps and events.
 */
import { zonedParts } from '../../core/market-hours.js';
import { MarketError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { ProviderBar } from '../types.js';
import { checkStatus, isObj, jsonOf, numOf, type Json } from './common.js';

export const SPARK_BATCH = 20;

function bars(entry: Json, tz: string | null): ProviderBar[] | null {
  let ts: unknown = entry.timestamp;
  let close: unknown = entry.close;
  if (Array.isArray(entry.response) && isObj(entry.response[0])) {
    const r = entry.response[0];
    ts = r.timestamp;
    const ind = isObj(r.indicators) && Array.isArray(r.indicators.quote) && isObj(r.indicators.quote[0]) ? r.indicators.quote[0] : {};
    close = ind.close;
  }
  if (!Array.isArray(ts) || !Array.isArray(close) || ts.length !== close.length) return null;
  const out = new Map<string, number>();
  ts.forEach((t, i) => {
    const sec = numOf(t);
    const c = numOf(close[i]);
    if (sec === null || c === null || c <= 0) return;
    const at = new Date(sec * 1000);
    const p = tz ? zonedParts(at, tz) : null;
    const date = p ? `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}` : at.toISOString().slice(0, 10);
    out.set(date, c);
  });
  return [...out].map(([date, c]) => ({ date, close: c })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Parses a spark body: bars per asked symbol (missing symbols are left out). */
export function parseSpark(body: unknown, asked: readonly string[], tz: (symbol: string) => string | null): Map<string, ProviderBar[]> {
  if (!isObj(body)) throw new MarketError('bad-data', 'yahoo spark answered something other than an object');
  const entries: Json[] = [];
  const nested = isObj(body.spark) && Array.isArray(body.spark.result) ? body.spark.result : null;
  for (const e of nested ?? Object.values(body)) {
    if (isObj(e)) entries.push(e);
  }
  const wanted = new Set(asked);
  const out = new Map<string, ProviderBar[]>();
  for (const e of entries) {
    const symbol = typeof e.symbol === 'string' ? e.symbol : null;
    if (!symbol || !wanted.has(symbol)) continue;
    const b = bars(e, tz(symbol));
    if (b) out.set(symbol, b);
  }
  return out;
}

export async function fetchSpark(
  http: HttpClient, base: string, symbols: readonly string[], range: string, tz: (symbol: string) => string | null, signal?: AbortSignal, context?: string,
): Promise<Map<string, ProviderBar[]>> {
  const url = `${base}/v7/finance/spark?symbols=${encodeURIComponent(symbols.join(','))}&range=${range}&interval=1d`;
  const res = await http.request({ url, endpoint: 'spark', symbols, signal, context });
  checkStatus(res, 'yahoo', 'spark');
  return parseSpark(jsonOf(res, 'yahoo'), symbols, tz);
}
