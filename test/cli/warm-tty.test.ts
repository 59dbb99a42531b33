import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { spawnPortfolio, type PtySession } from '../e2e/pty-session.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { waitUntil } from '../helpers/wait.js';
import { buyEach } from '../market/ledger-fixture.js';

let fake: FakeYahoo | undefined;
let session: PtySession | undefined;
afterEach(async () => {
  session?.kill();
  await fake?.close();
});

describe('portfolio warm on a terminal', () => {
  it('shows progress with a spinner, then the summary line; Ctrl-C stops a hung run with 130 after its summary', async () => {
    const NOW = '2025-03-05T15:00:00Z';
    fake = await startFakeYahoo({ now: () => new Date(NOW), latencyMs: 300 });
    const home = tempDir();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 20_000, retries: 0 } }));
    const db = openDb(join(home, 'portfolio.db'));
    buyEach(db, ['AAPL', 'MSFT']);
    db.close();
    const env = { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW };
    session = spawnPortfolio(['warm'], env);
    await session.waitFor(/quotes: \d\/2|history: \d\/2/, 15_000);
    await session.waitFor('warm: 2 symbols; quotes 2 fetched', 15_000);
    expect((await session.exited(15_000)).exitCode).toBe(0);

    fake.set({ hang: true, latencyMs: 0 });
    const asked = fake.requests.length;
    session = spawnPortfolio(['warm', '--force'], env);
    await session.waitFor('warming the price cache', 15_000);
    const f = fake;
    await waitUntil('the hung quote request', () => f.requests.slice(asked).some((r) => r.endpoint === 'quote'));
    session.write('\x03');
    const t0 = performance.now();
    const { exitCode } = await session.exited(5_000);
    expect(exitCode).toBe(130);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(session.output()).toMatch(/AAPL \(quote\): aborted/);
    expect(session.output()).toMatch(/warm: 2 symbols; quotes 0 fetched/);
    expect(session.output()).toMatch(/portfolio: stopped by SIGINT/);
  });
});
