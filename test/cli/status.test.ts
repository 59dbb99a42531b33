import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { percentile } from '../../src/status/report.js';
import { openDb } from '../../src/store/db.js';
import { SCHEMA_VERSION } from '../../src/store/db-file.js';
import { logHttp } from '../../src/store/http-log.js';
import { finishJobRun, startJobRun } from '../../src/store/job-runs.js';
import { kvSet } from '../../src/store/kv.js';
import { tryAcquireLock } from '../../src/store/locks.js';
import { recordMetric } from '../../src/store/metrics.js';
import { addNotification } from '../../src/store/notifications.js';
import { upsertQuotes } from '../../src/store/quote-cache.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { runMain } from '../helpers/in-process.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';

// Wednesday, US market open.
const NOW = new Date('2025-03-12T15:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
let fake: FakeYahoo | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function seed(dir: string) {
  const db = openDb(join(dir, 'portfolio.db'));
  const buy = (symbol: string) => ({ date: '2025-01-06', type: 'buy' as const, symbol, quantity: 1, price: 10, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null });
  // TSLA was sold out: no longer held, not counted.
  insertTransactions(db, [buy('AAPL'), buy('MSFT'), buy('NVDA'), buy('TSLA'), { ...buy('TSLA'), type: 'sell' as const }]);
  const quote = (symbol: string, fetchedAt: Date) => ({
    symbol, price: 100, previousClose: 99, currency: 'USD', name: null, marketTime: fetchedAt.toISOString(), marketState: 'REGULAR',
    exchangeTimezone: 'America/New_York', fetchedAt: fetchedAt.toISOString(), source: 'yahoo',
  });
  upsertQuotes(db, [quote('AAPL', ago(60_000)), quote('MSFT', ago(3_600_000))]); // NVDA never fetched
  // 24 h of recorded activity, plus older rows that must not count.
  for (let i = 0; i < 8; i++) logHttp(db, { provider: 'yahoo', endpoint: 'quote', status: i < 2 ? 503 : 200, ms: 50, context: 'daemon' }, ago(i * 3_600_000));
  logHttp(db, { provider: 'yahoo', endpoint: 'quote', status: 200, ms: 50 }, ago(2 * 86_400_000));
  recordMetric(db, 'cache.hit', 3, null, ago(1000));
  recordMetric(db, 'cache.miss', 1, null, ago(1000));
  recordMetric(db, 'cache.miss', 50, null, ago(3 * 86_400_000));
  [40, 10, 30, 20, 100].forEach((ms, i) => {
    recordMetric(db, 'dashboard.load', 1, null, ago(i * 1000));
    recordMetric(db, 'dashboard.first_frame_ms', ms, null, ago(i * 1000));
  });
  kvSet(db, 'lastWarm', JSON.stringify({ at: ago(7_200_000).toISOString(), apiCalls: 2 }), { now: ago(7_200_000) });
  db.prepare("INSERT INTO breaker (name, state, failures, opened_at, updated_at) VALUES ('yahoo', 'open', 5, ?, ?)").run(ago(60_000).toISOString(), ago(60_000).toISOString());
  const run = startJobRun(db, 'quotes', ago(5000));
  finishJobRun(db, run, { outcome: 'ok', requests: 1, message: '3 fetched' }, ago(4000));
  addNotification(db, { kind: 'provider-down', message: 'yahoo is failing' }, ago(60_000));
  return db;
}

describe('portfolio status (built binary)', () => {
  it('--json reports freshness, last warm, circuit and 24 h metrics from recorded data, without touching the network', async () => {
    fake = await startFakeYahoo();
    const dir = tempDir();
    seed(dir).close();
    const env = { PORTFOLIO_HOME: dir, PORTFOLIO_NOW: NOW.toISOString(), PORTFOLIO_YAHOO_URL: fake.url };
    const r = await runMain(['status', '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s).toMatchObject({
      symbols: { total: 3, fresh: 1, stale: 1, missing: 1 },
      lastWarm: ago(7_200_000).toISOString(),
      daemon: { running: false, pid: null, heartbeat: null },
      circuit: 'open',
      metrics24h: { apiCalls: 8, cacheHitRate: 0.75, errorRate: 0.25, loads: 5, loadMsP50: 30, loadMsP95: 100 },
      about: { node: process.version, schemaVersion: SCHEMA_VERSION, databaseSchemaVersion: SCHEMA_VERSION, dbPath: join(dir, 'portfolio.db'), configPath: join(dir, 'config.json') },
    });
    expect(fake.count()).toBe(0);

    const human = await runMain(['status'], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('3 held: 1 fresh, 1 stale, 1 never fetched');
    expect(human.stdout).toMatch(/Circuit\s+open/);
    expect(human.stdout).toMatch(/requests\s+8, 25\.0% failed/);
    expect(human.stdout).toMatch(/5 loads, first frame p50 30 ms, p95 100 ms/);
    expect(human.stdout).toMatch(/quotes\s+ok\s+.*1 requests/);
    expect(human.stdout).toContain('1 unread');
    expect(human.stdout).toContain(`Node.js ${process.version}`);
    expect(human.stdout).toMatch(new RegExp(`Database\\s+${join(dir, 'portfolio.db')}`));
  });

  it('shows a live daemon holding the lock with its pid and heartbeat; a dead holder is not running', async () => {
    const dir = tempDir();
    const db = openDb(join(dir, 'portfolio.db'));
    tryAcquireLock(db, 'daemon', { pid: process.pid });
    db.close();
    const env = { PORTFOLIO_HOME: dir };
    const live = JSON.parse((await runMain(['status', '--json'], { env })).stdout) as { daemon: { running: boolean; pid: number; heartbeat: string } };
    expect(live.daemon).toMatchObject({ running: true, pid: process.pid });
    expect(Date.now() - Date.parse(live.daemon.heartbeat)).toBeLessThan(10_000);

    const db2 = openDb(join(dir, 'portfolio.db'));
    db2.prepare("UPDATE locks SET pid = 2147483000 WHERE name = 'daemon'").run();
    db2.close();
    const dead = JSON.parse((await runMain(['status', '--json'], { env })).stdout) as { daemon: { running: boolean; pid: number | null } };
    expect(dead.daemon).toMatchObject({ running: false, pid: null });
  });

  it('percentiles are nearest-rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95)).toBe(95);
  });
});
