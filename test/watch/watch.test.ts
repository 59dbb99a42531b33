/**
 * Watchlists end to end, in-process: the fake Yahoo answers quotes, the fake search (same base URL,
 * forwarding the rest to the fake Yahoo) answers search; pinned clock, temp PORTFOLIO_HOME.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { addWatched } from '../../src/store/watchlists.js';
import { startFakeSearch, type FakeSearch } from '../helpers/fake-search.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { runMain as runInProcess } from '../helpers/in-process.js';

const runMain = (argv: string[], env: NodeJS.ProcessEnv, now: string) => runInProcess(argv, { env: { ...env, PORTFOLIO_NOW: now } });
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

// Wednesday 15:00Z: US markets open.
const NOW = '2025-03-05T15:00:00Z';
let yahoo: FakeYahoo;
let search: FakeSearch;
afterEach(async () => {
  await search?.close();
  await yahoo?.close();
});

async function home(options: { unknown?: string[] } = {}) {
  yahoo = await startFakeYahoo({ now: () => new Date(NOW), unknownSymbols: options.unknown ?? [] });
  search = await startFakeSearch({ upstream: yahoo.url, aliases: { apple: 'AAPL' } });
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 1000, connectTimeoutMs: 500, retries: 1, backoffMs: 5, requestsPerSecond: 100 } }));
  const env = { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: search.url, PORTFOLIO_COINGECKO_URL: search.url, PORTFOLIO_OPENFIGI_URL: search.url };
  const run = (...argv: string[]) => runMain(argv, env, NOW);
  return { dir, env, run };
}

describe('portfolio watch', () => {
  it('watch add TSLA BTC-USD, then one refresh: both listed with prices, fresh, from yahoo', async () => {
    const h = await home();
    const add = await h.run('watch', 'add', 'tsla', 'BTC-USD');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('watchlist: added TSLA, BTC-USD');
    const warm = await h.run('warm', '--json');
    expect(warm.code).toBe(0);
    const list = await h.run('watch', 'list', '--json');
    expect(list.code).toBe(0);
    const json = JSON.parse(list.stdout) as { list: string; symbols: Record<string, unknown>[] };
    expect(json.list).toBe('watchlist');
    expect(json.symbols.map((s) => s.symbol)).toEqual(['BTC-USD', 'TSLA']);
    for (const s of json.symbols) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['symbol', 'name', 'price', 'currency', 'priceTime', 'ageSeconds', 'stale', 'dayChange', 'dayChangePercent', 'priceSource']));
      expect(s).toMatchObject({ stale: false, priceSource: 'yahoo' });
      expect(typeof s.price).toBe('number');
    }
    // BTC-USD comes from the recorded quote: its 52-week range and day change are Yahoo's numbers.
    const btc = json.symbols.find((s) => s.symbol === 'BTC-USD') as Record<string, number>;
    expect(btc).toMatchObject({ currency: 'USD', week52Low: 49121.24, week52High: 109114.88 });
    // Recorded price 96,077.45, previous close 96,137.88: -60.43, i.e. -60.43 / 96,137.88 = -0.06286 %.
    expect(btc.price).toBe(96077.45);
    expect(btc.dayChange).toBeCloseTo(-60.43, 9);
    expect(btc.dayChangePercent).toBeCloseTo(-0.062857, 5);
    const table = await h.run('watch', 'list');
    expect(table.stdout).toMatch(/BTC-USD .*49,121\.24 – 109,114\.88/);
  });

  it('20 held and 30 watched symbols cost exactly one quote request on warm', async () => {
    const h = await home();
    const db = openDb(join(h.dir, 'portfolio.db'));
    const held = Array.from({ length: 20 }, (_, i) => `H${String(i).padStart(2, '0')}`);
    const watched = Array.from({ length: 30 }, (_, i) => `W${String(i).padStart(2, '0')}`);
    buyEach(db, held);
    addWatched(db, 'watchlist', watched.slice(0, 15), new Date(NOW));
    addWatched(db, 'tech', watched.slice(15), new Date(NOW));
    db.close();
    const warm = await h.run('warm', '--json');
    expect(warm.code).toBe(0);
    expect(yahoo.count('quote')).toBe(1);
    const asked = yahoo.requests.filter((r) => r.endpoint === 'quote').flatMap((r) => r.symbols);
    expect(new Set(asked)).toEqual(new Set([...held, ...watched]));
    // History only for what is held: a watched symbol's chart is fetched when a chart asks.
    const charted = yahoo.requests.filter((r) => r.endpoint === 'chart').flatMap((r) => r.symbols);
    expect(charted.filter((s) => s.startsWith('W'))).toEqual([]);
    expect(charted).toHaveLength(20);
  });

  it('lists: several named lists, rm, and a list that does not exist names the ones that do', async () => {
    const h = await home();
    expect((await h.run('watch', 'add', 'AAPL', '--list', 'tech', '--force')).code).toBe(0);
    expect((await h.run('watch', 'add', 'VOD.L', 'SAP.DE', '--list', 'europe', '--force')).code).toBe(0);
    const lists = JSON.parse((await h.run('watch', 'lists', '--json')).stdout) as unknown;
    expect(lists).toEqual({ lists: [{ name: 'watchlist', count: 0 }, { name: 'europe', count: 2 }, { name: 'tech', count: 1 }] });
    const missing = await h.run('watch', 'list', '--list', 'crypto');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no watchlist named "crypto"; lists: watchlist, europe, tech');
    expect((await h.run('watch', 'rm', 'VOD.L', '--list', 'nope')).code).toBe(1);
    const rm = await h.run('watch', 'rm', 'VOD.L', '--list', 'europe');
    expect(rm.stdout).toContain('europe: removed VOD.L');
    const again = await h.run('watch', 'rm', 'VOD.L', '--list', 'europe');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not watched: VOD.L');
    expect((await h.run('watch', 'add', 'A;B')).code).toBe(1);
    expect((await h.run('watch', 'list', '--list', '')).code).toBe(1);
  });
});

describe('symbols are checked where they enter', () => {
  it('add buy APPL is refused with "did you mean AAPL?"; nothing recorded; --force records it', async () => {
    const h = await home({ unknown: ['APPL'] });
    const r = await h.run('add', 'buy', 'APPL', '1', '--price', '10');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown symbol APPL: did you mean AAPL?');
    expect(JSON.parse((await h.run('transactions', '--json')).stdout)).toEqual([]);
    const forced = await h.run('add', 'buy', 'APPL', '1', '--price', '10', '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse((await h.run('transactions', '--json')).stdout)).toHaveLength(1);
    // A known symbol goes through, and one the database knows asks nothing at all.
    expect((await h.run('add', 'buy', 'AAPL', '1', '--price', '10')).code).toBe(0);
    search.requests.length = 0;
    expect((await h.run('add', 'buy', 'AAPL', '1', '--price', '10')).code).toBe(0);
    expect(search.count()).toBe(0);
  });

  it('watch add, alert add and import refuse the typo too; import names the line', async () => {
    const h = await home({ unknown: ['APPL'] });
    const w = await h.run('watch', 'add', 'TSLA', 'APPL');
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('did you mean AAPL?');
    expect(JSON.parse((await h.run('watch', 'lists', '--json')).stdout)).toEqual({ lists: [{ name: 'watchlist', count: 0 }] });
    const a = await h.run('alert', 'add', 'APPL', 'above', '200');
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('did you mean AAPL?');
    const file = join(h.dir, 't.csv');
    writeFileSync(file, 'date,type,symbol,quantity,price\n2025-01-02,buy,AAPL,1,10\n2025-01-03,buy,APPL,2,10\n');
    const imp = await h.run('import', file);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toContain(`${file}:3: symbol: unknown symbol APPL: did you mean AAPL?`);
    expect(JSON.parse((await h.run('transactions', '--json')).stdout)).toEqual([]);
    expect((await h.run('import', file, '--force')).code).toBe(0);
  });

  it('offline: a warning, never a block', async () => {
    const h = await home();
    await search.close();
    await yahoo.close();
    const r = await h.run('add', 'buy', 'XYZQ', '1', '--price', '10');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: could not check XYZQ .*accepted as given/);
  });

  it('with the simulated market: its universe decides; other symbols are simulated', async () => {
    const dir = tempDir();
    const env = { PORTFOLIO_HOME: dir, PORTFOLIO_PROVIDER: 'sim' };
    const typo = await runMain(['add', 'buy', 'APPL', '1', '--price', '10'], env, NOW);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('did you mean AAPL?');
    expect((await runMain(['add', 'buy', 'ZZTOP', '1', '--price', '10'], env, NOW)).code).toBe(0);
    expect((await runMain(['watch', 'add', 'MSFT', 'NVDA'], env, NOW)).code).toBe(0);
  });
});
