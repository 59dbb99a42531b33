import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeps, type Deps } from '../../src/deps.js';
import { planWarm, warm } from '../../src/jobs/warm.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { OPEN_NOW } from './harness.js';
import { buyEach } from './ledger-fixture.js';

let fake: FakeYahoo;
let deps: Deps;
afterEach(async () => {
  deps?.close();
  await fake?.close();
});

describe('warm with a configured benchmark', () => {
  it('fetches the benchmark history over the ledger, once, so performance --benchmark needs no request', async () => {
    const clock = { now: () => new Date(OPEN_NOW) };
    fake = await startFakeYahoo({ now: clock.now });
    const home = tempDir();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ benchmark: ['VTI'], yahoo: { requestsPerSecond: 100, retries: 0 } }));
    deps = createDeps({ env: { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url }, clock });
    buyEach(deps.db(), ['AAA']);
    const plan = planWarm(deps);
    const first = plan.history.find((h) => h.symbol === 'AAA')?.from;
    expect(plan.history.find((h) => h.symbol === 'VTI')?.from).toBe(first);
    expect(plan.quoteSymbols).not.toContain('VTI'); // history only: nobody holds it
    await warm(deps);
    const closes = deps.db().prepare("SELECT COUNT(*) AS n FROM daily_closes WHERE symbol = 'VTI'").get() as { n: number };
    expect(closes.n).toBeGreaterThan(0);
    fake.reset();
    await warm(deps);
    expect(fake.count('chart')).toBe(0);
  });
});
