import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storedSummary } from '../../src/ledger/positions-snapshot.js';
import { openDb } from '../../src/store/db.js';
import { replayYears } from '../../src/store/lot-replay.js';
import { runMain } from '../helpers/in-process.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';
let fake: FakeYahoo;
afterEach(async () => fake?.close());

async function home(yahoo: Record<string, unknown> = {}) {
  fake = await startFakeYahoo({ now: () => new Date(NOW) });
  const dir = tempDir();
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ yahoo: { timeoutMs: 500, connectTimeoutMs: 300, retries: 1, backoffMs: 10, ...yahoo }, breaker: { failureThreshold: 2, cooldownSeconds: 600 } }),
  );
  const db = openDb(join(dir, 'portfolio.db'));
  buyEach(db, ['AAPL', 'MSFT', 'OCDO.L', 'SAP.DE', 'BTC-USD']);
  db.close();
  const env = { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW };
  return { dir, env };
}

describe('portfolio warm (built binary)', () => {
  it('--json against the fake Yahoo: exit 0, the contract keys, then nothing to do', async () => {
    const { env } = await home();
    const r = await runMain(['warm', '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['symbols', 'quotes', 'history', 'apiCalls', 'cacheHitRate', 'durationMs', 'errors', 'circuit']));
    expect(s).toMatchObject({ symbols: 7, quotes: { fetched: 7, cached: 0, failed: 0 }, history: { fetched: 7, failed: 0 }, circuit: 'closed', errors: [] });
    expect(fake.count('quote')).toBe(1); // 5 holdings + GBPUSD=X + EURUSD=X
    const again = await runMain(['warm', '--json'], { env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ apiCalls: 0, cacheHitRate: 1 });
  });

  it('stores the replays its FX history makes possible, so the next report does not replay', async () => {
    const { dir, env } = await home();
    const db = openDb(join(dir, 'portfolio.db'));
    buyEach(db, ['OCDO.L'], '2024-06-03'); // GBP, a complete year: stored only with GBPUSD history
    expect(replayYears(db, { costMethod: 'avg', baseCurrency: 'USD', longTermMonths: 12 })).toEqual([]);
    expect(storedSummary(db, 'avg', 'USD')).toBeNull();
    const r = await runMain(['warm', '--json'], { env });
    expect(r.code).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM daily_closes WHERE symbol = 'GBPUSD=X' AND date <= '2024-06-03'").pluck().get()).toBeGreaterThan(0);
    expect(replayYears(db, { costMethod: 'avg', baseCurrency: 'USD', longTermMonths: 12 })).toEqual(['2024']);
    expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
    db.close();
  });

  it('plain output when not a TTY', async () => {
    const { env } = await home();
    const r = await runMain(['warm'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warm: 7 symbols; quotes 7 fetched, 0 fresh, 0 failed; history 7 fetched/);
  });

  it('exits 75 when the provider is down, and the next run makes no request', async () => {
    const { env } = await home();
    fake.set({ outage: '503' });
    const t0 = performance.now();
    const r = await runMain(['warm', '--json'], { env });
    expect(r.code).toBe(75);
    expect(performance.now() - t0).toBeLessThan(60_000);
    const s = JSON.parse(r.stdout) as { circuit: string; errors: unknown[]; quotes: { failed: number } };
    expect(s.circuit).toBe('open');
    expect(s.quotes.failed).toBe(7);
    expect(fake.count()).toBeLessThanOrEqual(10);
    fake.reset();
    const next = await runMain(['warm'], { env });
    expect(next.code).toBe(75);
    expect(fake.count()).toBe(0);
    expect(next.stderr).toMatch(/try again later/);
  });

  it('exits 75 when the provider never answers', async () => {
    const { env } = await home();
    fake.set({ hang: true });
    const t0 = performance.now();
    const r = await runMain(['warm', '--json'], { env });
    expect(r.code).toBe(75);
    expect(performance.now() - t0).toBeLessThan(60_000);
    expect(JSON.parse(r.stdout)).toMatchObject({ circuit: 'open' });
  });
});
