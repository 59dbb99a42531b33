/**
 * Everything at once on one database for 30 s against the fake server: a daemon refreshing quotes
 * every 2 s and history every 7 s, two `warm --force` loops, three dashboards (one plain frame per
 * run, in a loop) and a loop recording transactions. No lock error may reach a user, nothing may
 * crash, and nothing may be lost: every recorded transaction is there, every HTTP request made is
 * in http_log, every held symbol has a quote, and the database is intact.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockStartingAt } from '../../src/deps.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { count, inspect, integrity, ledgerCsv, LOCK_ERROR, NODE_WARNING, run, sleep, STACK_FRAME, start, type Done } from './helpers.js';

const DURATION_MS = Number(process.env.CONCURRENCY_MS ?? 30_000);
const NOW = '2026-11-24T15:00:00Z';

describe('concurrency on one database', () => {
  let fake: FakeYahoo;
  beforeAll(async () => {
    // The fake's clock runs from the binary's PORTFOLIO_NOW (a quote stamped later is refused as from the future).
    fake = await startFakeYahoo({ latencyMs: 20, now: clockStartingAt(NOW).now });
  });
  afterAll(async () => {
    await fake.close();
  });

  it(`daemon + 2 warm loops + 3 dashboards + a writer for ${DURATION_MS / 1000} s: no lock error shown, no row lost`, async () => {
    const home = tempDir('portfolio-concurrency-');
    // A US trading hour (real time runs on from there), quotes stale after 1 s so every tick writes.
    const env = { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW };
    writeFileSync(join(home, 'config.json'), JSON.stringify({ quoteTtlSeconds: 1, yahoo: { requestsPerSecond: 20, concurrency: 4 } }));
    const csv = ledgerCsv(home, 200, 'seed.csv', 30);
    expect((await run(['import', csv], env)).code).toBe(0);
    const db = join(home, 'portfolio.db');
    const initialTx = count(db, 'transactions');

    const results: { who: string; r: Done }[] = [];
    const deadline = Date.now() + DURATION_MS;
    const loop = async (who: string, args: string[]) => {
      while (Date.now() < deadline) results.push({ who, r: await run(args, env, 60_000) });
    };
    let added = 0;
    const writer = async () => {
      for (let i = 0; Date.now() < deadline; i++) {
        const r = await run(['add', 'buy', `S${i % 30}`, '1', '--price', '10', '--date', '2026-11-20', '--account', 'main', '--note', `concurrent ${i}`], env, 60_000);
        results.push({ who: 'add', r });
        if (r.code === 0) added++;
      }
    };
    const daemon = start(['daemon', '--quotes-cron', '*/2 * * * * *', '--history-cron', '*/7 * * * * *'], env);
    await sleep(500);
    await Promise.all([
      loop('warm-1', ['warm', '--force', '--json']),
      loop('warm-2', ['warm', '--force', '--json']),
      loop('dashboard-1', ['dashboard']),
      loop('dashboard-2', ['dashboard']),
      loop('dashboard-3', ['dashboard']),
      writer(),
    ]);
    const t = Date.now();
    daemon.child.kill('SIGTERM');
    const daemonCode = await daemon.exited;
    expect(Date.now() - t).toBeLessThan(5_000);

    const shown = [...results.map(({ who, r }) => ({ who, ...r })), { who: 'daemon', code: daemonCode, ...daemon.out }];
    for (const s of shown) {
      const where = `${s.who} exit ${s.code}: ${s.stderr.slice(0, 400)}`;
      expect(s.stderr, where).not.toMatch(LOCK_ERROR);
      expect(s.stdout, where).not.toMatch(LOCK_ERROR);
      expect(s.stderr, where).not.toMatch(STACK_FRAME);
      expect(s.stderr, where).not.toMatch(NODE_WARNING);
      // warm: 0, or 75 when another warm holds the lock (a clear "try again later", not a failure).
      const allowed = s.who.startsWith('warm') ? [0, 75] : [0];
      expect(allowed, where).toContain(s.code);
    }
    const runsOf = (prefix: string) => results.filter((x) => x.who.startsWith(prefix)).length;
    expect(runsOf('dashboard')).toBeGreaterThanOrEqual(6);
    expect(runsOf('warm')).toBeGreaterThanOrEqual(4);
    expect(results.filter((x) => x.who.startsWith('warm') && x.r.code === 0).length).toBeGreaterThan(0);
    expect(added).toBeGreaterThanOrEqual(5);

    expect(integrity(db)).toBe('ok');
    expect(count(db, 'transactions')).toBe(initialTx + added);
    const noQuote = inspect(db, (d) => d.prepare(`SELECT DISTINCT symbol FROM transactions WHERE symbol IS NOT NULL AND symbol NOT IN (SELECT symbol FROM quotes)`).all());
    expect(noQuote).toEqual([]);
    // Every request that reached the server was logged by whoever made it.
    expect(count(db, 'http_log')).toBe(fake.count());
    expect(fake.count()).toBeGreaterThan(20);
    const dup = inspect(db, (d) => d.prepare(`SELECT COUNT(*) AS n FROM (SELECT symbol, date FROM daily_closes GROUP BY symbol, date HAVING COUNT(*) > 1)`).get() as { n: number });
    expect(dup.n).toBe(0);
  });
});
