/**
 * Outage timing with the DEFAULT config (10 s timeouts, 3 retries, breaker after 5 failures):
 * a cold `warm --json` over 200 holdings against a hanging, a 503-ing and a resetting provider.
 * Run: npm run build && npx vitest run --config test/reliability/market.vitest.config.ts
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { startFakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';
import { symbolsN } from '../market/harness.js';

for (const mode of ['hang', 'outage', 'reset'] as const) {
  it(`default config, ${mode}`, async () => {
    const fake = await startFakeYahoo(mode === 'hang' ? { hang: true } : { outage: mode === 'outage' ? '503' : 'reset' });
    const dir = tempDir();
    const db = openDb(join(dir, 'portfolio.db'));
    buyEach(db, symbolsN(200));
    db.close();
    const env = { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url };
    const t0 = Date.now();
    const r = await runCli(['warm', '--json'], { env, timeoutMs: 120_000 });
    const s = JSON.parse(r.stdout);
    const ms = Date.now() - t0;
    const n = fake.count();
    console.log(`[measure] ${mode}: exit ${r.code} in ${ms} ms, ${n} requests, circuit ${s.circuit}`);
    expect(r.code).toBe(75);
    expect(ms).toBeLessThan(60_000);
    expect(n).toBeLessThanOrEqual(10);
    fake.reset();
    const t1 = Date.now();
    const r2 = await runCli(['warm', '--json'], { env, timeoutMs: 120_000 });
    console.log(`[measure] ${mode} next run: exit ${r2.code} in ${Date.now() - t1} ms, ${fake.count()} requests`);
    expect(r2.code).toBe(75);
    expect(fake.count()).toBeLessThanOrEqual(mode === 'hang' ? 2 : 1);
    await fake.close();
  }, 300_000);
}
