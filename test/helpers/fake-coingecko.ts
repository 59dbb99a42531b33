/**
 * A fake CoinGecko on 127.0.0.1 (/api/v3): simple/price answers the recorded prices (bitcoin and
 * ethereum in usd and myr) plus `extraPrices`, unknown ids left out as CoinGecko does; coins/list
 * the recorded (partial) list; coins/{id}/market_chart daily points at 00:00 UTC ending with one at
 * the request time (the recorded shape), 404 with the recorded body for an id it does not know.
 * rateLimitBody: the recorded 429 (retry-after 119). badKey: 401 for a request with a demo key.
 */
import { baseSwitches, json, startFakeServer, type FakeServer, type FakeSwitches } from './fake-http.js';
import { fixtureJson, fixtureText } from './shared-fixtures.js';

export interface CoinGeckoSwitches extends FakeSwitches {
  extraPrices: Record<string, Record<string, number>>;
  now: () => Date;
}

export type FakeCoinGecko = FakeServer<CoinGeckoSwitches>;

export function startFakeCoinGecko(initial: Partial<CoinGeckoSwitches> = {}): Promise<FakeCoinGecko> {
  const prices = fixtureJson<Record<string, Record<string, number>>>('coingecko', 'simple-price-ids-bitcoin_ethereum-vs-usd_myr.go-gecko.json');
  const list = fixtureJson<{ id: string }[]>('coingecko', 'coins-list.partial.go-gecko.json');
  const notFound = fixtureText('coingecko', 'error-404-incorrect-path.openbb.json');
  const limited = fixtureText('coingecko', 'error-429-rate-limit.observed.json');
  const switches: CoinGeckoSwitches = { ...baseSwitches(), extraPrices: {}, now: () => new Date(), ...initial };
  return startFakeServer(switches, (url, req, s) => {
    if (s.rateLimitBody) return { status: 429, body: limited, type: 'application/json', headers: { 'retry-after': '119' } };
    if (s.badKey && req.headers['x-cg-demo-api-key']) return json({ status: { error_code: 10002, error_message: 'API Key Missing or invalid' } }, 401);
    const all = { ...prices, ...s.extraPrices };
    if (url.pathname === '/api/v3/simple/price') {
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      const vs = (url.searchParams.get('vs_currencies') ?? '').split(',');
      const out: Record<string, Record<string, number>> = {};
      for (const id of ids) {
        const p = all[id];
        if (!p) continue;
        out[id] = Object.fromEntries(vs.filter((c) => c in p).map((c) => [c, p[c] as number]));
      }
      return json(out);
    }
    if (url.pathname === '/api/v3/coins/list') return json(list);
    const m = /^\/api\/v3\/coins\/([^/]+)\/market_chart$/.exec(url.pathname);
    if (m) {
      const id = decodeURIComponent(m[1] as string);
      const vs = (url.searchParams.get('vs_currency') ?? 'usd').toLowerCase();
      const base = all[id]?.[vs];
      if (base === undefined) return { status: 404, body: notFound, type: 'application/json; charset=utf-8' };
      const days = Number(url.searchParams.get('days') ?? '1');
      const now = s.now().getTime();
      const today = now - (now % 86_400_000);
      const points: [number, number][] = [];
      for (let d = days; d >= 0; d--) points.push([today - d * 86_400_000, Math.round(base * (1 - d * 0.001) * 100) / 100]);
      points.push([now, base]);
      return json({ prices: points, market_caps: points.map(([t, p]) => [t, p * 1e6]), total_volumes: points.map(([t, p]) => [t, p * 1e3]) });
    }
    return null;
  });
}
