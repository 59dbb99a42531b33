import { afterEach, describe, expect, it } from 'vitest';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';

let fake: FakeYahoo;
afterEach(async () => fake?.close());

async function session(url: string): Promise<string> {
  const r = await fetch(`${url}/`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (await fetch(`${url}/v1/test/getcrumb`, { headers: { cookie } })).text();
}

describe('fake Yahoo server', () => {
  it('needs a cookie for the crumb and a crumb for quotes', async () => {
    fake = await startFakeYahoo({ now: () => new Date('2025-03-05T15:00:00Z') });
    expect((await fetch(`${fake.url}/v1/test/getcrumb`)).status).toBe(401);
    expect((await fetch(`${fake.url}/v7/finance/quote?symbols=AAPL&crumb=nope`)).status).toBe(401);
    const crumb = await session(fake.url);
    const ok = await fetch(`${fake.url}/v7/finance/quote?symbols=AAPL,ZZZ1.L&crumb=${crumb}`);
    const body = (await ok.json()) as { quoteResponse: { result: { symbol: string; currency: string; regularMarketPrice: number }[] } };
    expect(body.quoteResponse.result.map((r) => r.symbol)).toEqual(['AAPL', 'ZZZ1.L']);
    expect(body.quoteResponse.result[0]?.regularMarketPrice).toBe(244.6); // recorded fixture
    expect(body.quoteResponse.result[1]?.currency).toBe('GBp');
    fake.invalidateCrumbs();
    expect((await fetch(`${fake.url}/v7/finance/quote?symbols=AAPL&crumb=${crumb}`)).status).toBe(401);
    expect(fake.count('quote')).toBe(3);
  });

  it('synthesizes the same history for any symbol, trading days only', async () => {
    fake = await startFakeYahoo({ now: () => new Date('2025-03-05T15:00:00Z') });
    const get = async () =>
      (await (await fetch(`${fake.url}/v8/finance/chart/XYZ?period1=1738368000&period2=1741132800&interval=1d`)).json()) as {
        chart: { result: { timestamp: number[]; indicators: { quote: { close: number[] }[] } }[] };
      };
    const a = await get();
    const b = await get();
    expect(a).toEqual(b);
    const ts = a.chart.result[0]?.timestamp ?? [];
    expect(ts.length).toBe(21); // Feb 2025: 20 weekdays less Presidents' Day, + Mar 3, Mar 4
    for (const t of ts) expect([0, 6]).not.toContain(new Date(t * 1000).getUTCDay());
  });

  it('has switches: outage, 429 with Retry-After, failRate, hang', async () => {
    fake = await startFakeYahoo({ outage: '503' });
    expect((await fetch(`${fake.url}/`)).status).toBe(503);
    fake.set({ outage: false, rate429: { count: 1, retryAfterSeconds: 7 } });
    const r = await fetch(`${fake.url}/`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${fake.url}/`)).status).toBe(200);
    fake.set({ rate429: null, failRate: 1 });
    expect((await fetch(`${fake.url}/`)).status).toBe(500);
    fake.set({ failRate: 0, hang: true });
    const ac = new AbortController();
    const t = setTimeout(() => ac.abort(), 100);
    await expect(fetch(`${fake.url}/`, { signal: ac.signal })).rejects.toThrow();
    clearTimeout(t);
  });
});
