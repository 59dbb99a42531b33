import { afterEach, describe, expect, it } from 'vitest';
import { getQuotes } from '../../src/store/prices.js';
import { sumMetric } from '../../src/store/metrics.js';
import { harness, symbolsN, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('refreshQuotes against the fake Yahoo', () => {
  it('asks for 120 symbols in exactly 3 quote requests, one cookie and one crumb', async () => {
    h = await harness();
    const svc = await h.service();
    const progress: number[] = [];
    const r = await svc.refreshQuotes(symbolsN(120), { onProgress: (p) => progress.push(p.done), context: 'test' });
    expect(h.fake.count('quote')).toBe(3);
    expect(h.fake.count('cookie')).toBe(1);
    expect(h.fake.count('crumb')).toBe(1);
    expect(h.fake.requests.filter((q) => q.endpoint === 'quote').map((q) => q.symbols.length).sort()).toEqual([20, 50, 50]);
    expect(r.fetched).toBe(120);
    expect(r.failed).toEqual([]);
    expect(r.apiCalls).toBe(5);
    expect(progress.sort((a, b) => a - b).at(-1)).toBe(120);
    expect(getQuotes(h.db).size).toBe(120);
    const logged = h.db.prepare("SELECT COUNT(*) AS n FROM http_log WHERE endpoint = 'quote' AND context = 'test'").get() as { n: number };
    expect(logged.n).toBe(3);
  });

  it('asks nothing the second time within the TTL and counts cache hits', async () => {
    h = await harness();
    const svc = await h.service();
    await svc.refreshQuotes(symbolsN(60));
    h.fake.reset();
    h.clock.advance(60_000);
    const r = await svc.refreshQuotes(symbolsN(60));
    expect(h.fake.count()).toBe(0);
    expect(r.cached).toBe(60);
    expect(r.apiCalls).toBe(0);
    expect(sumMetric(h.db, 'cache.hit', new Date(0))).toBe(60);
    expect(sumMetric(h.db, 'cache.miss', new Date(0))).toBe(60);
    // After the TTL they are stale again: one request for the 60, ceil(60/50) = 2.
    h.clock.advance(600_000);
    await svc.refreshQuotes(symbolsN(60));
    expect(h.fake.count('quote')).toBe(2);
  });

  it('converts GBp to GBP for the recorded OCDO.L quote', async () => {
    h = await harness();
    const svc = await h.service();
    await svc.refreshQuotes(['OCDO.L']);
    const q = getQuotes(h.db, ['OCDO.L']).get('OCDO.L');
    expect(q?.currency).toBe('GBP');
    expect(q?.price).toBeCloseTo(3.088, 6);
    expect(q?.previousClose).toBeCloseTo(3.152, 6);
    expect(q?.exchangeTimezone).toBe('Europe/London');
  });

  it('refreshes the crumb once after a 401 and retries', async () => {
    h = await harness();
    const svc = await h.service();
    await svc.refreshQuotes(['AAPL']);
    h.fake.invalidateCrumbs();
    h.fake.reset();
    const r = await svc.refreshQuotes(['MSFT', 'QQQ'], { force: true });
    expect(r.fetched).toBe(2);
    expect(h.fake.requests.map((q) => `${q.endpoint}:${q.status}`)).toEqual(['quote:401', 'cookie:200', 'crumb:200', 'quote:200']);
  });

  it('keeps the session in the database: a second service asks no new crumb', async () => {
    h = await harness();
    await (await h.service()).refreshQuotes(['AAPL']);
    h.fake.reset();
    await (await h.service()).refreshQuotes(['MSFT']);
    expect(h.fake.requests.map((q) => q.endpoint)).toEqual(['quote']);
  });

  it('falls back to the chart meta when the quote endpoint keeps refusing', async () => {
    h = await harness({ fake: { quoteStatus: 403 } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'VOD.L']);
    expect(r.fetched).toBe(2);
    expect(h.fake.count('chart')).toBe(2);
    expect(getQuotes(h.db).get('VOD.L')?.currency).toBe('GBP');
    // The refusal is remembered: the next refresh goes straight to the charts.
    h.fake.reset();
    await svc.refreshQuotes(['MSFT']);
    expect(h.fake.requests.map((q) => q.endpoint)).toEqual(['chart']);
  });

  it('honours Retry-After on 429', async () => {
    h = await harness({ fake: { rate429: { count: 1, retryAfterSeconds: 1 } }, virtualTime: true });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL']);
    expect(r.fetched).toBe(1);
    expect(h.fake.requests[0]?.status).toBe(429);
    const second = h.fake.requests[1];
    expect(second).toBeDefined();
    // One wait, as long as the answer said (plus at most the jitter), and the retry came after it.
    expect(h.sleeps).toHaveLength(1);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(1000);
    expect(h.sleeps[0]).toBeLessThan(1000 + 250);
    expect((second?.time ?? 0) - (h.fake.requests[0]?.time ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('remembers unknown symbols for a day and raises a notification', async () => {
    h = await harness({ fake: { unknownSymbols: ['NOPE'] } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(['AAPL', 'NOPE']);
    expect(r.failed).toEqual([expect.objectContaining({ symbol: 'NOPE', unknown: true })]);
    const n = h.db.prepare("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'unknown-symbol' AND symbol = 'NOPE'").get() as { n: number };
    expect(n.n).toBe(1);
    h.fake.reset();
    h.clock.advance(3_600_000);
    const again = await svc.refreshQuotes(['NOPE']);
    expect(h.fake.count()).toBe(0);
    expect(again.failed[0]?.message).toMatch(/not asked again/);
    h.clock.advance(86_400_000);
    await svc.refreshQuotes(['NOPE']);
    expect(h.fake.count('quote')).toBe(1);
  });

  it('tells listeners about every stored batch', async () => {
    h = await harness();
    const svc = await h.service();
    const seen: string[] = [];
    const off = svc.onQuotesStored((qs) => seen.push(...qs.map((q) => q.symbol)));
    await svc.refreshQuotes(symbolsN(55));
    off();
    await svc.refreshQuotes(['AAPL']);
    expect(seen.length).toBe(55);
  });
});

describe('throttling', () => {
  it('the fake answers 429 above its rate limit (and the client waits as told)', async () => {
    // Virtual time: the fake counts its per-second window on the harness clock, which only the
    // client's waits move, so every burst past 2 requests is refused until the client waits.
    h = await harness({
      fake: { maxRequestsPerSecond: 2 },
      config: { yahoo: { requestsPerSecond: 50, concurrency: 1, retries: 8 }, breaker: { failureThreshold: 50 } },
      virtualTime: true,
    });
    const svc = await h.service();
    const r = await svc.refreshQuotes(symbolsN(200));
    const refused = h.fake.requests.filter((q) => q.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(r.failed).toEqual([]);
    expect(r.fetched).toBe(200);
    // Every refusal was followed by a wait of at least the second it asked for.
    expect(h.sleeps.length).toBeGreaterThanOrEqual(refused.length);
    expect(h.sleeps.every((ms) => ms >= 1000)).toBe(true);
    // And no second of the harness clock saw more than the fake's limit accepted.
    const accepted = h.fake.requests.filter((q) => q.status !== 429).map((q) => q.time);
    for (let i = 2; i < accepted.length; i++) expect((accepted[i] ?? 0) - (accepted[i - 2] ?? 0)).toBeGreaterThanOrEqual(1000);
  });
});
