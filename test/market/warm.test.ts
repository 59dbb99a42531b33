import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeps, type Deps } from '../../src/deps.js';
import { planWarm, warm, WarmBusyError } from '../../src/jobs/warm.js';
import { kvGet } from '../../src/store/kv.js';
import { tryAcquireLock } from '../../src/store/locks.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { OPEN_NOW, symbolsN } from './harness.js';
import { buyEach } from './ledger-fixture.js';

let fake: FakeYahoo;
let deps: Deps;
afterEach(async () => {
  deps?.close();
  await fake?.close();
});

async function setup(now = OPEN_NOW) {
  let t = Date.parse(now);
  const clock = { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
  fake = await startFakeYahoo({ now: clock.now });
  const home = tempDir();
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ yahoo: { timeoutMs: 300, connectTimeoutMs: 200, retries: 1, backoffMs: 5, requestsPerSecond: 100, concurrency: 4 }, breaker: { cooldownSeconds: 60 } }),
  );
  deps = createDeps({ env: { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url }, clock });
  return { clock, home };
}

describe('warm', () => {
  it('cold: ceil(N/50) quote requests, one history request per symbol, FX for every currency; warm again: nothing', async () => {
    const { clock } = await setup();
    buyEach(deps.db(), [...symbolsN(118), 'VOD.L', 'OCDO.L']);
    const s = await warm(deps);
    expect(fake.count('quote')).toBe(3); // 120 holdings + GBPUSD=X
    expect(fake.count('chart')).toBe(121);
    expect(fake.count('cookie') + fake.count('crumb')).toBe(2);
    expect(s).toMatchObject({
      symbols: 121,
      quotes: { fetched: 121, cached: 0, failed: 0 },
      history: { fetched: 121, cached: 0, failed: 0 },
      apiCalls: 2 + 3 + 121,
      cacheHitRate: 0,
      errors: [],
      circuit: 'closed',
      outcome: 'ok',
    });
    expect(JSON.parse(kvGet(deps.db(), 'lastWarm') ?? '{}')).toMatchObject({ at: expect.any(String), apiCalls: 126 });
    const run = deps.db().prepare("SELECT outcome, requests FROM job_runs WHERE job = 'warm'").get();
    expect(run).toEqual({ outcome: 'ok', requests: 126 });

    fake.reset();
    clock.advance(60_000);
    const again = await warm(deps);
    expect(fake.count()).toBe(0);
    expect(again).toMatchObject({ apiCalls: 0, cacheHitRate: 1, quotes: { fetched: 0, cached: 121 }, history: { cached: 121 } });
  });

  it('orders FX first, then the biggest holdings', async () => {
    await setup();
    buyEach(deps.db(), ['AAA', 'BBB', 'SAP.DE']);
    await warm(deps);
    deps.db().prepare("UPDATE transactions SET quantity = 1000 WHERE symbol = 'BBB'").run();
    const plan = planWarm(deps);
    expect(plan.quoteSymbols[0]).toBe('EURUSD=X');
    expect(plan.quoteSymbols[1]).toBe('BBB');
    expect(plan.history.find((h) => h.symbol === 'EURUSD=X')?.from).toBe('2024-12-30');
  });

  it('skips quotes taken after the close while the market stays closed (weekend)', async () => {
    const { clock } = await setup('2025-03-07T22:00:00Z'); // Friday after the US close
    buyEach(deps.db(), symbolsN(10));
    await warm(deps);
    fake.reset();
    clock.advance(40 * 3_600_000); // Sunday
    const s = await warm(deps);
    expect(fake.count()).toBe(0);
    expect(s.quotes.cached).toBe(10);
  });

  it('a second warm while one runs gives up with a temporary failure', async () => {
    await setup();
    buyEach(deps.db(), ['AAPL']);
    const other = process.ppid; // a live process that is not us
    expect(tryAcquireLock(deps.db(), 'warm', { pid: other, now: deps.clock.now() }).acquired).toBe(true);
    await expect(warm(deps, { lockWaitMs: 100 })).rejects.toBeInstanceOf(WarmBusyError);
    expect(fake.count()).toBe(0);
  });

  it('an outage: temporary failure, the cache kept, the circuit open', async () => {
    const { clock } = await setup();
    buyEach(deps.db(), symbolsN(120));
    await warm(deps);
    fake.reset();
    fake.set({ outage: '503' });
    clock.advance(3_600_000);
    const s = await warm(deps);
    expect(s.outcome).toBe('temporary-failure');
    expect(s.circuit).toBe('open');
    expect(fake.count()).toBeLessThanOrEqual(10);
    fake.reset();
    clock.advance(10_000);
    const next = await warm(deps); // still within the cool-down: no request at all
    expect(fake.count()).toBe(0);
    expect(next.outcome).toBe('temporary-failure');
  });
});
