/**
 * A fake Alpha Vantage on 127.0.0.1: GET /query?function=GLOBAL_QUOTE&symbol=S&apikey=K answers the
 * recorded MSFT quote (MSFT verbatim, other symbols with their symbol and a deterministic price,
 * `unknown` ones `{"Global Quote": {}}`); TIME_SERIES_DAILY the recorded daily shape, one bar per
 * weekday of the last 100. Everything is HTTP 200, as with the real service: rateLimitBody answers
 * the recorded daily-limit `Information` body (or the `Note` one with rateLimitKind 'note'), badKey
 * an `Error Message` about the key.
 */
import { baseSwitches, json, pseudoPrice, startFakeServer, type FakeServer, type FakeSwitches } from './fake-http.js';
import { fixtureJson, fixtureText } from './shared-fixtures.js';

export interface AlphaVantageSwitches extends FakeSwitches {
  key: string;
  unknown: string[];
  rateLimitKind: 'information' | 'note';
  now: () => Date;
}

export type FakeAlphaVantage = FakeServer<AlphaVantageSwitches>;

export function startFakeAlphaVantage(initial: Partial<AlphaVantageSwitches> = {}): Promise<FakeAlphaVantage> {
  const quote = fixtureJson<{ 'Global Quote': Record<string, string> }>('alphavantage', 'global-quote-MSFT.json');
  const daily = fixtureJson<Record<string, Record<string, unknown>>>('alphavantage', 'time-series-daily-MSFT.partial.json');
  const info = fixtureText('alphavantage', 'error-information-daily-limit-25.pricehist-mock.json');
  const note = fixtureText('alphavantage', 'error-note-call-frequency-5-per-minute.observed.json');
  const switches: AlphaVantageSwitches = { ...baseSwitches(), key: 'av-test-key', unknown: [], rateLimitKind: 'information', now: () => new Date(), ...initial };
  return startFakeServer(switches, (url, _req, s) => {
    if (url.pathname !== '/query') return null;
    if (s.rateLimitBody) return { status: 200, body: s.rateLimitKind === 'note' ? note : info, type: 'application/json' };
    if (s.badKey || url.searchParams.get('apikey') !== s.key) {
      return json({ 'Error Message': 'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key).' });
    }
    const symbol = (url.searchParams.get('symbol') ?? '').toUpperCase();
    const fn = url.searchParams.get('function');
    if (!symbol) return json({ 'Error Message': 'Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for GLOBAL_QUOTE.' });
    if (fn === 'GLOBAL_QUOTE') {
      if (s.unknown.includes(symbol)) return json({ 'Global Quote': {} });
      if (symbol === 'MSFT') return json(quote);
      const p = pseudoPrice(symbol).toFixed(4);
      return json({ 'Global Quote': { ...quote['Global Quote'], '01. symbol': symbol, '05. price': p, '08. previous close': p } });
    }
    if (fn === 'TIME_SERIES_DAILY') {
      if (s.unknown.includes(symbol)) return json({ 'Error Message': 'Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY.' });
      const tmpl = Object.values(daily['Time Series (Daily)'] ?? {})[0] as Record<string, string>;
      const series: Record<string, Record<string, string>> = {};
      const now = s.now().getTime();
      for (let d = 0, n = 0; n < 100; d++) {
        const day = new Date(now - d * 86_400_000);
        if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
        series[day.toISOString().slice(0, 10)] = { ...tmpl, '4. close': pseudoPrice(symbol).toFixed(4) };
        n++;
      }
      return json({ 'Meta Data': { ...daily['Meta Data'], '2. Symbol': symbol }, 'Time Series (Daily)': series });
    }
    return json({ 'Error Message': 'Invalid API call.' });
  });
}
