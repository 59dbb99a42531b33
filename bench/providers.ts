/**
 * `npm run bench:providers`: the provider chain's goals (issue 13), in-process through the real
 * MarketService, got, bottleneck and the SQLite breaker, against loopback fakes of every provider
 * built from the recorded fixtures. Request counts are what the fakes saw. Writes
 * bench/results-providers.json and prints it.
 *   1. Yahoo in full outage (503) + Tiingo key: a cold warm (quotes, then history) of 1,000 US equities.
 *   2. All FX (30 pairs): ECB requests over a day of refreshes.
 *   3. All crypto (25 coins): CoinGecko requests for one quote refresh.
 *   4. Keeping 1,000 symbols' closes current: requests for one day's top-up.
 *   5. 20% of requests failing at every provider: unpriced symbols after one warm.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config.js';
import { createMarketServiceWith } from '../src/market/create.js';
import { BUILT_IN_IDS } from '../src/market/providers/coingecko-ids.js';
import { openDb } from '../src/store/db.js';
import { storeHistory } from '../src/store/quote-cache.js';
import { startFakeAlphaVantage } from '../test/helpers/fake-alphavantage.js';
import { startFakeCoinGecko } from '../test/helpers/fake-coingecko.js';
import { startFakeEcb } from '../test/helpers/fake-ecb.js';
import { startFakeTiingo } from '../test/helpers/fake-tiingo.js';
import { startFakeYahoo } from '../test/helpers/fake-yahoo.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT } from './workloads/util.js';

// Thursday 2025-03-06 22:00Z: New York has closed for the day.
const NOW = Date.parse('2025-03-06T22:00:00Z');
const LATENCY_MS = 20;
const equities = Array.from({ length: 1000 }, (_, i) => `E${String(i).padStart(4, '0')}`);
const currencies = ['EUR', 'GBP', 'JPY', 'CHF', 'SEK', 'NOK', 'DKK', 'AUD', 'CAD', 'NZD', 'HKD', 'SGD', 'KRW', 'CNY', 'INR', 'MXN', 'BRL', 'ZAR', 'PLN', 'CZK', 'HUF', 'ILS', 'THB', 'MYR', 'PHP', 'IDR', 'TRY', 'RON', 'BGN', 'ISK'];
const fx = currencies.map((c) => `${c}USD=X`);
const coins = Object.keys(BUILT_IN_IDS).slice(0, 25).map((c) => `${c}-USD`);

async function setup(opts: { failRate?: number; yahooOutage?: boolean }) {
  let t = NOW;
  const now = () => new Date(t);
  const failRate = opts.failRate ?? 0;
  const extraPrices = Object.fromEntries(Object.values(BUILT_IN_IDS).map((id, i) => [id, { usd: 1 + i }]));
  const [yahoo, ecb, gecko, tiingo, av] = await Promise.all([
    startFakeYahoo({ now, latencyMs: LATENCY_MS, failRate, ...(opts.yahooOutage ? { outage: '503' as const } : {}) }),
    startFakeEcb({ latencyMs: LATENCY_MS, failRate }),
    startFakeCoinGecko({ now, latencyMs: LATENCY_MS, failRate, extraPrices }),
    startFakeTiingo({ latencyMs: LATENCY_MS, failRate }),
    startFakeAlphaVantage({ now, latencyMs: LATENCY_MS, failRate }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-bench-providers-'));
  const db = openDb(join(dir, 'portfolio.db'));
  const env = { PORTFOLIO_ECB_URL: ecb.url, PORTFOLIO_COINGECKO_URL: gecko.url, PORTFOLIO_TIINGO_URL: tiingo.url, PORTFOLIO_TIINGO_KEY: tiingo.switches.key };
  const fast = { requestsPerSecond: 100 };
  const config = parseConfig({
    yahoo: { baseUrl: yahoo.url, requestsPerSecond: 20, concurrency: 4, timeoutMs: 2000, retries: 3, backoffMs: 20 },
    breaker: { failureThreshold: 5, cooldownSeconds: 300 },
    ecb: fast, coingecko: fast, tiingo: fast,
  });
  const service = await createMarketServiceWith({ db, config, now, env });
  return {
    db, yahoo, ecb, gecko, tiingo, av, service, advance: (ms: number) => void (t += ms),
    async close() {
      service.close();
      await Promise.all([yahoo.close(), ecb.close(), gecko.close(), tiingo.close(), av.close()]);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const results: Record<string, unknown> = { latencyMs: LATENCY_MS };
const log = (k: string, v: unknown) => {
  results[k] = v;
  process.stderr.write(`bench:providers: ${k}: ${JSON.stringify(v)}\n`);
};

{
  const s = await setup({ yahooOutage: true });
  const t0 = performance.now();
  const q = await s.service.refreshQuotes(equities);
  const quoteMs = performance.now() - t0;
  const h = await s.service.refreshHistory(equities.map((symbol) => ({ symbol, from: '2025-01-02' })));
  log('yahooOutage1000', {
    priced: q.fetched, unpriced: q.failed.length, tiingoQuoteRequests: s.tiingo.count('/iex'), tiingoBatch: 100, goal: 'ceil(1000/100) + a few = 10 + a few',
    yahooRequests: s.yahoo.requests.length, quoteMs: Math.round(quoteMs), historyFetched: h.fetched, historyFailed: h.failed.length,
    tiingoHistoryRequests: s.tiingo.count('/tiingo/daily'), totalMs: Math.round(performance.now() - t0),
  });
  await s.close();
}
{
  const s = await setup({});
  for (let i = 0; i < 24; i++) {
    await s.service.refreshQuotes(fx, { force: true });
    s.advance(3_600_000 / 2); // every 30 minutes for 12 hours
  }
  log('fx30OverADay', { pairs: fx.length, refreshes: 24, ecbRequests: s.ecb.count(), goal: 1 });
  await s.close();
}
{
  const s = await setup({ yahooOutage: true });
  const q = await s.service.refreshQuotes(coins);
  log('crypto25', { coins: coins.length, priced: q.fetched, coingeckoQuoteRequests: s.gecko.count('/simple/price'), goal: 1 });
  await s.close();
}
{
  const s = await setup({});
  for (const symbol of equities) storeHistory(s.db, { symbol, currency: 'USD', bars: [], dividends: [], splits: [] }, { from: '2025-01-02', to: '2025-03-05' }, 'yahoo', new Date(NOW));
  const h = await s.service.refreshHistory(equities.map((symbol) => ({ symbol, from: '2025-01-02' })));
  log('closesCurrent1000', { symbols: 1000, fetched: h.fetched, failed: h.failed.length, requests: s.yahoo.requests.length, spark: s.yahoo.count('spark'), chart: s.yahoo.count('chart'), goal: '<= 50 a day', before: '1,000 chart requests a day' });
  await s.close();
}
{
  const s = await setup({ failRate: 0.2 });
  const q = await s.service.refreshQuotes([...equities, ...fx, ...coins]);
  log('failing20pct', {
    symbols: equities.length + fx.length + coins.length, priced: q.fetched, unpriced: q.failed.length, sources: q.sources, goal: '0 unpriced',
    failures: q.failed.slice(0, 3).map((f) => `${f.symbol}: ${f.message}`),
  });
  await s.close();
}
const out = join(ROOT, 'bench', 'results-providers.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
