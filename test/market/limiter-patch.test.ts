import Bottleneck from 'bottleneck';
import { describe, expect, it, vi } from 'vitest';
import { MarketError } from '../../src/market/errors.js';
import { skipIdleYields, sleep } from '../../src/market/http.js';

/** How many timers one job on `limiter` sets, from schedule to done (each is a turn of the event loop). */
async function timersPerJob(limiter: Bottleneck): Promise<number> {
  const spy = vi.spyOn(globalThis, 'setTimeout');
  try {
    await limiter.schedule(async () => 1);
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

// src/market/http.ts patches bottleneck's private `_store.yieldLoop` so an idle limiter does not
// wait a setTimeout(0) per internal step. If a bottleneck upgrade changes its internals, this fails.
describe("the limiter's patch of bottleneck", () => {
  it('applies to the installed bottleneck', () => {
    expect(skipIdleYields(new Bottleneck({ maxConcurrent: 4, minTime: 0 }))).toBe(true);
  });

  it('takes effect: an idle limiter runs a job with one timer instead of four', async () => {
    const plain = await timersPerJob(new Bottleneck({ maxConcurrent: 4, minTime: 0 }));
    const limiter = new Bottleneck({ maxConcurrent: 4, minTime: 0 });
    skipIdleYields(limiter);
    const patched = await timersPerJob(limiter);
    expect(plain).toBeGreaterThanOrEqual(3);
    expect(patched).toBeLessThanOrEqual(1);
  });
});

describe('sleep', () => {
  it('resolves, and rejects with "aborted" when its signal aborts (before or during the wait)', async () => {
    await expect(sleep(0)).resolves.toBeUndefined();
    const ac = new AbortController();
    const q = sleep(60_000, ac.signal);
    ac.abort();
    await expect(q).rejects.toBeInstanceOf(MarketError);
    await expect(sleep(10, ac.signal)).rejects.toMatchObject({ kind: 'aborted' });
  });
});
