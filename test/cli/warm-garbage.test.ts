import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';
let fake: FakeYahoo;
afterEach(async () => fake?.close());

async function home() {
  fake = await startFakeYahoo({ now: () => new Date(NOW) });
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 500, connectTimeoutMs: 300, retries: 1, backoffMs: 10 } }));
  const db = openDb(join(dir, 'portfolio.db'));
  buyEach(db, ['AAPL', 'MSFT']);
  db.close();
  return { dir, env: { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, NO_COLOR: '1' } };
}

describe('warm when every answer is junk', () => {
  it.each([['html'], ['json']] as const)('%s bodies: exit 75, outcome temporary-failure, and why', async (garbage) => {
    const { dir, env } = await home();
    fake.set({ garbage });
    const r = await runMain(['warm', '--json'], { env, now: NOW });
    expect(r.code).toBe(75);
    const s = JSON.parse(r.stdout) as { outcome: string; reason: string; quotes: { fetched: number } };
    expect(s.quotes.fetched).toBe(0);
    expect(s.outcome).toBe('temporary-failure');
    expect(s.reason).toMatch(/nothing fetched could be used|temporary reason/);
    const db = openDb(join(dir, 'portfolio.db'));
    const run = db.prepare("SELECT outcome FROM job_runs WHERE job = 'warm'").get() as { outcome: string };
    db.close();
    expect(run.outcome).toBe('failed');
    const plain = await runMain(['warm'], { env, now: NOW });
    expect(plain.code).toBe(75);
    expect(plain.stderr).toMatch(/portfolio: (nothing fetched could be used|.*temporary reason).*try again later/);
  });
});
