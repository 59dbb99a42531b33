/**
 * kill -9 at random moments, 20 trials each, of
 *   - an import of 50,000 rows: the database passes integrity_check and holds all of it or none;
 *   - a warm against the fake server: integrity_check passes, the cache is consistent (coverage
 *     only where closes landed, no half-stored quote), and the next warm runs and succeeds (the dead
 *     run's lock is taken over, not waited on for minutes).
 * Moments are seeded (CRASH_SEED) and spread over the whole run, measured first without a kill.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { count, inspect, integrity, ledgerCsv, prng, run, sleep, start, STACK_FRAME } from './helpers.js';

const SEED = Number(process.env.CRASH_SEED ?? 7);
const TRIALS = 20;
const ROWS = 50_000;

async function killAt(args: string[], env: Record<string, string>, ms: number): Promise<number | null> {
  const s = start(args, env);
  await Promise.race([sleep(ms), s.exited]);
  s.child.kill('SIGKILL');
  return s.exited;
}

describe('kill -9 during import', () => {
  it(`leaves all ${ROWS} rows or none, and an intact database (${TRIALS} trials)`, async () => {
    const dir = tempDir('portfolio-crash-import-');
    const csv = ledgerCsv(dir, ROWS);
    // How long a whole import takes here, to spread the kills over all of it (start-up included).
    const full = join(dir, 'full');
    const t0 = performance.now();
    const ok = await run(['import', csv], { PORTFOLIO_HOME: full }, 180_000);
    const fullMs = performance.now() - t0;
    expect(ok.code, ok.stderr).toBe(0);
    expect(count(join(full, 'portfolio.db'), 'transactions')).toBe(ROWS);

    const r = prng(SEED);
    const outcomes = { none: 0, all: 0 };
    for (let i = 0; i < TRIALS; i++) {
      const home = join(dir, `t${i}`);
      mkdirSync(home);
      const at = Math.floor(r() * fullMs * 1.05);
      await killAt(['import', csv], { PORTFOLIO_HOME: home }, at);
      const db = join(home, 'portfolio.db');
      const n = count(db, 'transactions');
      if (existsSync(db)) expect(integrity(db), `trial ${i} killed at ${at} ms`).toBe('ok');
      expect([0, ROWS], `trial ${i} killed at ${at} ms: ${n} rows`).toContain(n);
      outcomes[n === 0 ? 'none' : 'all']++;
      // The interrupted import can simply be run again: it completes, and once only.
      if (i % 5 === 0) {
        const again = await run(['import', csv], { PORTFOLIO_HOME: home }, 180_000);
        expect(again.code, again.stderr).toBe(0);
        expect(count(db, 'transactions')).toBe(ROWS);
      }
    }
    expect(outcomes.none + outcomes.all).toBe(TRIALS);
    expect(outcomes.none).toBeGreaterThan(0); // the kills did land mid-import
  });
});

describe('kill -9 during warm', () => {
  let fake: FakeYahoo;
  beforeAll(async () => {
    // The fake's quotes are stamped at the binary's pinned instant (a later stamp is refused as from the future).
    fake = await startFakeYahoo({ latencyMs: 15, now: () => new Date('2026-11-25T21:30:00Z') });
  });
  afterAll(async () => {
    await fake.close();
  });

  it(`keeps the cache consistent and the next warm working (${TRIALS} trials)`, async () => {
    const dir = tempDir('portfolio-crash-warm-');
    const seedHome = join(dir, 'seed');
    mkdirSync(seedHome);
    const config = JSON.stringify({ yahoo: { requestsPerSecond: 40, concurrency: 4 } });
    writeFileSync(join(seedHome, 'config.json'), config);
    const csv = ledgerCsv(dir, 300, 'small.csv', 60);
    expect((await run(['import', csv], { PORTFOLIO_HOME: seedHome })).code).toBe(0);
    const seedDb = join(seedHome, 'portfolio.db');
    const envOf = (home: string) => ({ PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: '2026-11-25T21:30:00Z' });

    const probe = join(dir, 'probe');
    mkdirSync(probe);
    copyFileSync(seedDb, join(probe, 'portfolio.db'));
    writeFileSync(join(probe, 'config.json'), config);
    const t0 = performance.now();
    const whole = await run(['warm', '--json'], envOf(probe), 120_000);
    const fullMs = performance.now() - t0;
    expect(whole.code, whole.stderr).toBe(0);

    const r = prng(SEED + 1);
    for (let i = 0; i < TRIALS; i++) {
      const home = join(dir, `w${i}`);
      mkdirSync(home);
      copyFileSync(seedDb, join(home, 'portfolio.db'));
      writeFileSync(join(home, 'config.json'), config);
      const at = Math.floor(r() * fullMs);
      await killAt(['warm', '--json'], envOf(home), at);
      const db = join(home, 'portfolio.db');
      const where = `trial ${i} killed at ${at} of ${Math.round(fullMs)} ms`;
      expect(integrity(db), where).toBe('ok');
      expect(count(db, 'transactions'), where).toBe(300);
      // Coverage is written with its closes in one transaction: a covered symbol has its closes.
      const orphan = inspect(db, (d) =>
        d.prepare(`SELECT c.symbol FROM history_coverage c WHERE NOT EXISTS (SELECT 1 FROM daily_closes x WHERE x.symbol = c.symbol AND x.date BETWEEN c.from_date AND c.to_date)`).all(),
      );
      expect(orphan, where).toEqual([]);
      expect(inspect(db, (d) => (d.prepare('SELECT COUNT(*) AS n FROM quotes WHERE NOT (price > 0)').get() as { n: number }).n), where).toBe(0);
      // The next warm takes over the dead run's lock and finishes the job.
      const next = await run(['warm', '--json'], envOf(home), 120_000);
      expect(next.code, `${where}: next warm: ${next.stderr}`).toBe(0);
      expect(next.stderr, where).not.toMatch(STACK_FRAME);
      const summary = JSON.parse(next.stdout) as { errors: unknown[] };
      expect(summary.errors, where).toEqual([]);
    }
  });
});
