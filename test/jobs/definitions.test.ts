import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeps, fixedClock } from '../../src/deps.js';
import { jobFunctions, noteWarmOutcome } from '../../src/jobs/definitions.js';
import { openDb } from '../../src/store/db.js';
import { logHttp } from '../../src/store/http-log.js';
import { finishJobRun, startJobRun } from '../../src/store/job-runs.js';
import { recordMetric } from '../../src/store/metrics.js';
import { listNotifications } from '../../src/store/notifications.js';
import { tempDir } from '../helpers/tmp.js';
import { startFakeYahoo } from '../helpers/fake-yahoo.js';
import { storedSummary } from '../../src/ledger/positions-snapshot.js';
import { replayYears } from '../../src/store/lot-replay.js';
import { insertTransactions } from '../../src/store/transactions.js';

describe('job definitions', () => {
  it('three failed warms in a row raise one notification; a success ends the streak', () => {
    const db = openDb(join(tempDir(), 'p.db'));
    let t = Date.parse('2025-03-12T06:00:00Z');
    const warm = (outcome: 'ok' | 'failed') => {
      const id = startJobRun(db, 'warm', new Date(t));
      finishJobRun(db, id, { outcome }, new Date(t + 1000));
      t += 3_600_000;
      return noteWarmOutcome(db, new Date(t));
    };
    expect([warm('failed'), warm('failed'), warm('failed'), warm('failed')]).toEqual([false, false, true, false]);
    expect(noteWarmOutcome(db, new Date(t))).toBe(false); // idempotent (the daemon checks on every heartbeat)
    expect([warm('ok'), warm('failed'), warm('failed'), warm('failed')]).toEqual([false, false, false, true]);
    const notes = listNotifications(db, { all: true });
    expect(notes.map((n) => n.kind)).toEqual(['warm-failed', 'warm-failed']);
  });

  it('housekeeping prunes rows older than 30 days and checkpoints the WAL', async () => {
    const dir = tempDir();
    const now = new Date('2025-03-12T03:15:00Z');
    const deps = createDeps({ env: { PORTFOLIO_HOME: dir }, clock: fixedClock(now.toISOString()) });
    const db = deps.db();
    const old = new Date(now.getTime() - 31 * 86_400_000);
    const recent = new Date(now.getTime() - 86_400_000);
    for (const at of [old, recent]) {
      recordMetric(db, 'cache.hit', 1, null, at);
      logHttp(db, { provider: 'yahoo', endpoint: 'quote', status: 200, ms: 1 }, at);
      finishJobRun(db, startJobRun(db, 'quotes', at), { outcome: 'ok' }, at);
    }
    const ctl = new AbortController();
    const result = await jobFunctions(deps).housekeeping({ signal: ctl.signal, symbols: [] });
    expect(result.message).toContain('pruned 1 metrics, 1 request logs, 1 job runs');
    for (const table of ['metrics', 'http_log', 'job_runs']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(1);
    }
    deps.close();
  });

  it('the fx job stores the replays its history makes possible (the next report does not replay)', async () => {
    const NOW = '2025-03-05T15:00:00Z';
    const fake = await startFakeYahoo({ now: () => new Date(NOW) });
    try {
      const dir = tempDir();
      const deps = createDeps({ env: { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url }, clock: fixedClock(NOW) });
      const db = deps.db();
      // GBP bought in 2024: that year is stored only once GBPUSD history is there.
      insertTransactions(db, [{ date: '2024-06-03', type: 'buy', symbol: 'OCDO.L', quantity: 10, price: 5, amount: null, fee: 0, currency: 'GBP', account: 'default', note: null, ratio: null }]);
      const AVG = { costMethod: 'avg', baseCurrency: 'USD', longTermMonths: 12 };
      expect(replayYears(db, AVG)).toEqual([]);
      const result = await jobFunctions(deps).fx({ signal: new AbortController().signal, symbols: ['GBPUSD=X'] });
      expect(result.failed).toBe(false);
      expect(replayYears(db, AVG)).toEqual(['2024']);
      expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
      deps.close();
    } finally {
      await fake.close();
    }
  });
});
