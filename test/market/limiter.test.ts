import { afterEach, describe, expect, it } from 'vitest';
import { SPACING_MARGIN_MS, spacingMs } from '../../src/market/http.js';
import { harness, symbolsN, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('limiter spacing', () => {
  it('spaces request starts at 1000 / rate plus a small margin', () => {
    expect(spacingMs(4)).toBe(250 + SPACING_MARGIN_MS);
    expect(spacingMs(5)).toBe(200 + SPACING_MARGIN_MS);
    expect(spacingMs(4.75)).toBe(Math.ceil(1000 / 4.75 + SPACING_MARGIN_MS));
    expect(SPACING_MARGIN_MS).toBeGreaterThan(0);
  });

  it('a rate set to 95% of the provider limit (sliding one-second window) draws no 429', async () => {
    // The documented setting for a known limit. Exactly at the limit works on a quiet machine, but
    // on a saturated CPU the fake server's timers bunch up (as latency jitter would) and a window
    // can hold one request too many: the 5% absorbs that.
    h = await harness({ fake: { maxRequestsPerSecond: 5 }, config: { yahoo: { requestsPerSecond: 4.75, concurrency: 2 } } });
    const svc = await h.service();
    const r = await svc.refreshQuotes(symbolsN(400)); // cookie + crumb + 8 quote requests: 10 in about 2 s
    expect(r.fetched).toBe(400);
    expect(h.fake.requests.filter((q) => q.status === 429)).toEqual([]);
    expect(h.fake.count('quote')).toBe(8);
    const times = h.fake.requests.map((q) => q.time);
    for (let i = 5; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 5] ?? 0)).toBeGreaterThanOrEqual(1000);
  });
});
