import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChartClient } from '../../src/ui/chart-client.js';

const STUCK = new URL('../fixtures/workers/stuck-worker.mjs', import.meta.url);

afterEach(() => {
  vi.useRealTimers();
});

describe('chart worker that overruns', () => {
  it('is terminated and its request rejected after the timeout', async () => {
    vi.useFakeTimers();
    const client = createChartClient(':memory:', 5_000, STUCK);
    const req = client.load({ range: '1M', symbol: null, now: new Date('2024-06-05T15:00:00Z'), baseCurrency: 'USD' });
    const settled = req.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(5_001);
    expect(await settled).toMatch(/longer than 5 s and was stopped/);
    client.close();
  });
});
