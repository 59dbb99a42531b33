/**
 * A fake Tiingo on 127.0.0.1: GET /iex/?tickers=A,B&token=K answers a JSON array in the recorded
 * shape (AAPL and GOOGL verbatim; any other ticker the AAPL object with its ticker and a
 * deterministic price; `unknown` tickers left out); GET /tiingo/daily/{t}/prices?startDate&endDate
 * answers bars shaped like the recorded GOOGL answer, one per weekday, at the ticker's recorded
 * (AAPL, GOOGL) or deterministic price. A token other than `key`
 * (or badKey) gets 401 {"detail": ...}; rateLimitBody answers the recorded HTTP 200 plain-text
 * monthly-limit message.
 */
import { baseSwitches, json, pseudoPrice, startFakeServer, text, type FakeServer, type FakeSwitches } from './fake-http.js';
import { fixtureJson, fixtureText } from './shared-fixtures.js';

export interface TiingoSwitches extends FakeSwitches {
  key: string;
  unknown: string[];
  priceOverrides: Record<string, number>;
}

export type FakeTiingo = FakeServer<TiingoSwitches>;

const LIMIT_TEXT = 'You have run over your 500 symbol look up for this month. Please upgrade at https://api.tiingo.com/pricing to have your limits increased.';

function dailyTemplate(): Record<string, unknown> {
  const yaml = fixtureText('tiingo', 'tiingo-python.ticker_price_with_date.yaml');
  const m = /body: \{string: '(.*)'\}/.exec(yaml);
  if (!m) throw new Error('tiingo daily fixture: no body found');
  return (JSON.parse((m[1] as string).replace(/''/g, "'")) as Record<string, unknown>[])[0] as Record<string, unknown>;
}

export function startFakeTiingo(initial: Partial<TiingoSwitches> = {}): Promise<FakeTiingo> {
  const recorded = fixtureJson<Record<string, unknown>[]>('tiingo', 'iex-tickers-AAPL_GOOGL.candleflask.json');
  const byTicker = new Map(recorded.map((r) => [String(r.ticker).toLowerCase(), r]));
  const template = recorded[0] as Record<string, unknown>;
  const bar = dailyTemplate();
  const switches: TiingoSwitches = { ...baseSwitches(), key: 'tiingo-test-key', unknown: [], priceOverrides: {}, ...initial };
  return startFakeServer(switches, (url, _req, s) => {
    if (s.badKey || url.searchParams.get('token') !== s.key) return json({ detail: 'Invalid token.' }, 401);
    if (s.rateLimitBody) return text(LIMIT_TEXT, 200, 'text/html');
    if (url.pathname === '/iex/' || url.pathname === '/iex') {
      const tickers = (url.searchParams.get('tickers') ?? '').split(',').filter(Boolean);
      const out = [];
      for (const t of tickers) {
        const up = t.toUpperCase();
        if (s.unknown.includes(up)) continue;
        const r = byTicker.get(t.toLowerCase()) ?? { ...template, ticker: up, tngoLast: pseudoPrice(up), last: pseudoPrice(up), prevClose: pseudoPrice(up) };
        out.push(up in s.priceOverrides ? { ...r, tngoLast: s.priceOverrides[up], last: s.priceOverrides[up] } : r);
      }
      return json(out);
    }
    const m = /^\/tiingo\/daily\/([^/]+)\/prices$/.exec(url.pathname);
    if (m) {
      const t = decodeURIComponent(m[1] as string).toUpperCase();
      if (s.unknown.includes(t)) return json({ detail: `Error: Ticker '${t.toLowerCase()}' not found` }, 404);
      const start = Date.parse(url.searchParams.get('startDate') ?? '');
      const end = Date.parse(url.searchParams.get('endDate') ?? '');
      const bars = [];
      for (let d = start; d <= end; d += 86_400_000) {
        const wd = new Date(d).getUTCDay();
        if (wd === 0 || wd === 6) continue;
        // Recorded tickers keep their recorded close, so quote and history agree.
        const close = (byTicker.get(t.toLowerCase())?.tngoLast as number | undefined) ?? pseudoPrice(t);
        bars.push({ ...bar, date: new Date(d).toISOString(), close, adjClose: close });
      }
      return json(bars);
    }
    return null;
  });
}
