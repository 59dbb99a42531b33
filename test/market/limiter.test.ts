import Bottleneck from 'bottleneck';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newLimiter, SPACING_MARGIN_MS, spacingMs } from '../../src/market/http.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('limiter spacing', () => {
  it('spaces request starts at 1000 / rate plus a small margin', () => {
    expect(spacingMs(4)).toBe(250 + SPACING_MARGIN_MS);
    expect(spacingMs(5)).toBe(200 + SPACING_MARGIN_MS);
    expect(spacingMs(4.75)).toBe(Math.ceil(1000 / 4.75 + SPACING_MARGIN_MS));
    expect(SPACING_MARGIN_MS).toBeGreaterThan(0);
  });

  // The limiter every provider's client is built with, driven by fake timers: no real time passes.
  // (The 95%-of-limit run against a real server is in test/reliability/limiter-rate.test.ts.)
  it('keeps under the configured requests per second and concurrency, on a fake clock', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-03-05T15:00:00Z') });
    const limiter = newLimiter(Bottleneck, { requestsPerSecond: 3, concurrency: 2 });
    const starts: number[] = [];
    let running = 0;
    let most = 0;
    const jobs = Array.from({ length: 12 }, () =>
      limiter.schedule(async () => {
        starts.push(Date.now());
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 900)); // a slow answer: concurrency is what bounds
        running--;
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(jobs);
    expect(starts).toHaveLength(12);
    // No one-second window holds more than 3 starts, and never more than 2 at once.
    for (let i = 3; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 3] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(most).toBe(2);
    // And it is not slower than it must be: 12 jobs of 900 ms two at a time take about 6 s.
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeLessThan(6000);
  });
});
