/**
 * ISIN-only rows through `portfolio import` in-process, against the fake search server (recorded
 * OpenFIGI answer for US4592001014 = IBM; none for US9220427424): one lookup per distinct ISIN,
 * however many rows; an unresolved or offline ISIN is kept with a warning naming the record.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSearch, type FakeSearch } from '../../helpers/fake-search.js';
import { runMain } from '../../helpers/in-process.js';
import { tempDir } from '../../helpers/tmp.js';

let fake: FakeSearch;
afterEach(async () => fake?.close());

const act = (id: string, symbol: string, date: string, quantity: number) => ({ id, accountId: null, comment: null, currency: 'USD', dataSource: 'YAHOO', date: `${date}T00:00:00.000Z`, fee: 0, quantity, symbol, type: 'BUY', unitPrice: 100 });

async function setup() {
  fake = await startFakeSearch();
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 1000, connectTimeoutMs: 500, retries: 0, backoffMs: 5, requestsPerSecond: 100 } }));
  const file = join(dir, 'export.json');
  const activities = [act('a1', 'US4592001014', '2024-01-02', 10), act('a2', 'US4592001014', '2024-02-01', 5), act('a3', 'US9220427424', '2024-03-01', 3), act('a4', 'US4592001014', '2024-04-01', 1)];
  writeFileSync(file, JSON.stringify({ meta: { date: '2024-06-01T00:00:00.000Z', version: 'test' }, activities }));
  const env = { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_COINGECKO_URL: fake.url, PORTFOLIO_OPENFIGI_URL: fake.url, NO_COLOR: '1' };
  const run = (...args: string[]) => runMain(args, { env, now: '2025-03-05T15:00:00Z' });
  return { file, run };
}

type Tx = { symbol: string; quantity: number };

describe('import: ISIN to symbol', () => {
  it('online: each distinct ISIN is looked up once; a found one becomes its symbol, the other is kept with a warning', async () => {
    const { file, run } = await setup();
    const r = await run('import', file, '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(fake.requests.filter((q) => q.endpoint === 'openfigi-mapping').map((q) => JSON.parse(q.query)[0].idValue).sort()).toEqual(['US4592001014', 'US9220427424']);
    expect(fake.requests.filter((q) => q.endpoint === 'yahoo-search').map((q) => q.query).sort()).toEqual(['US4592001014', 'US9220427424']);
    const txs = JSON.parse((await run('transactions', '--json')).stdout) as Tx[];
    expect(txs.map((t) => t.symbol).sort()).toEqual(['IBM', 'IBM', 'IBM', 'US9220427424']);
    expect(r.stderr).toMatch(/activities\[2\] \(BUY US9220427424\): ISIN US9220427424 kept as the symbol: no listing found by yahoo or openfigi;.*--isin ISIN=SYMBOL/);
    expect(r.stderr).not.toMatch(/US4592001014 kept/);
  });

  it('--isin maps an ISIN without asking; offline, every other ISIN row is kept and named, the lookup given up after all providers fail', async () => {
    const { file, run } = await setup();
    fake.set({ down: ['yahoo-search', 'openfigi-mapping'] });
    const r = await run('import', file, '--force', '--isin', 'us9220427424=vt', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(fake.requests.map((q) => q.query)).not.toContain('US9220427424');
    const kept = r.stderr.split('\n').filter((l) => /ISIN US4592001014 kept as the symbol: the lookup failed \(.*503.*\), offline\?/.test(l));
    expect(kept.map((l) => /activities\[\d\]/.exec(l)?.[0])).toEqual(['activities[0]', 'activities[1]', 'activities[3]']);
    expect(r.stdout).toMatch(/buy 3 VT/i);
    const bad = await run('import', file, '--isin', 'AAPL');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--isin: "AAPL" is not ISIN=SYMBOL/);
  });
});
