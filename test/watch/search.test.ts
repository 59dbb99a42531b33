/** `portfolio search` in-process against the fake search server (recorded Yahoo and OpenFIGI answers). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIsin, isinCheckDigit } from '../../src/core/isin.js';
import { closestSymbols, editDistance } from '../../src/core/symbol-match.js';
import { rankHits } from '../../src/market/search/rank.js';
import { openDb } from '../../src/store/db.js';
import { addWatched } from '../../src/store/watchlists.js';
import { startFakeSearch, type FakeSearch } from '../helpers/fake-search.js';
import { runMain as runInProcess } from '../helpers/in-process.js';

const runMain = (argv: string[], env: NodeJS.ProcessEnv, now: string) => runInProcess(argv, { env: { ...env, PORTFOLIO_NOW: now } });
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';
let fake: FakeSearch;
afterEach(async () => fake?.close());

interface Row {
  symbol: string;
  name: string | null;
  exchange: string | null;
  type: string | null;
  currency: string | null;
  source: string;
  held: boolean;
  watched: boolean;
}

async function home() {
  fake = await startFakeSearch({ aliases: { apple: 'AAPL' } });
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 1000, connectTimeoutMs: 500, retries: 1, backoffMs: 5, requestsPerSecond: 100 } }));
  const env = { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_COINGECKO_URL: fake.url, PORTFOLIO_OPENFIGI_URL: fake.url };
  return { dir, run: (...argv: string[]) => runMain(argv, env, NOW) };
}

describe('portfolio search', () => {
  it('search apple: AAPL first, its ETF next, options last, the Crunchbase entry dropped; held/watched marked', async () => {
    const h = await home();
    const db = openDb(join(h.dir, 'portfolio.db'));
    buyEach(db, ['AAPL']);
    addWatched(db, 'tech', ['AAPU'], new Date(NOW));
    db.close();
    const r = await h.run('search', 'apple', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { query: string; results: Row[] };
    expect(out.query).toBe('apple');
    expect(out.results[0]).toEqual({ symbol: 'AAPL', name: 'Apple Inc.', exchange: 'NASDAQ', type: 'equity', currency: 'USD', source: 'yahoo', held: true, watched: false });
    expect(out.results[1]).toMatchObject({ symbol: 'AAPU', type: 'etf', held: false, watched: true });
    expect(out.results.slice(2).every((x) => x.type === 'option')).toBe(true);
    expect(out.results.every((x) => typeof x.symbol === 'string' && x.symbol !== '')).toBe(true);
    expect(fake.count('yahoo-search')).toBe(1);
    expect(fake.count('coingecko-search')).toBe(1);
    expect(fake.count('openfigi-mapping')).toBe(0);
    const text = await h.run('search', 'apple');
    expect(text.stdout.split('\n')[0]).toMatch(/^AAPL\s+Apple Inc\.\s+NASDAQ\s+equity\s+USD\s+yahoo\s+\[held\]$/);
  });

  it('an ISIN goes to OpenFIGI: every listing Yahoo can price, as Yahoo symbols', async () => {
    const h = await home();
    const r = await h.run('search', 'us4592001014', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { results: (Row & { isin?: string })[] };
    const symbols = out.results.map((x) => x.symbol);
    expect(symbols[0]).toBe('IBM');
    expect(symbols).toEqual(expect.arrayContaining(['IBM', 'IBM.DE', 'IBM.F']));
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(out.results.find((x) => x.symbol === 'IBM.DE')).toMatchObject({ source: 'openfigi', currency: 'EUR', exchange: 'XETRA', isin: 'US4592001014', type: 'equity' });
    expect(fake.count('openfigi-mapping')).toBe(1);
  });

  it('a bad ISIN check digit is refused before any request', async () => {
    const h = await home();
    const r = await h.run('search', 'US0378331004');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a valid ISIN: bad check digit: US0378331004 should end in 5');
    expect(fake.count()).toBe(0);
  });

  it('a provider down: named, and what the others found is shown; all down: exit 75', async () => {
    const h = await home();
    fake.set({ down: ['coingecko-search'] });
    const r = await h.run('search', 'AAPL', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/coingecko search failed \(HTTP 503[^)]*\); showing what the others found/);
    const out = JSON.parse(r.stdout) as { results: Row[]; failures: { source: string }[] };
    expect(out.results[0]?.symbol).toBe('AAPL');
    expect(out.failures.map((f) => f.source)).toEqual(['coingecko']);
    fake.set({ down: ['coingecko-search', 'yahoo-search'] });
    const all = await h.run('search', 'AAPL');
    expect(all.code).toBe(75);
    expect(all.stderr).toMatch(/no provider answered \(yahoo, coingecko\)/);
  });

  it('empty, huge and unicode queries', async () => {
    const h = await home();
    expect((await h.run('search', '   ')).code).toBe(2);
    const huge = await h.run('search', 'x'.repeat(101));
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('too long');
    expect(fake.count()).toBe(0);
    // Full-width letters fold to ASCII: ＡＡＰＬ is AAPL.
    const wide = JSON.parse((await h.run('search', 'ＡＡＰＬ', '--json')).stdout) as { query: string; results: Row[] };
    expect(wide.query).toBe('AAPL');
    expect(wide.results[0]?.symbol).toBe('AAPL');
    const emoji = await h.run('search', 'caf\u00e9 \u{1F600}', '--json');
    expect(emoji.code).toBe(0);
    expect(JSON.parse(emoji.stdout)).toMatchObject({ query: 'café 😀', results: [] });
    expect(fake.requests.at(-2)?.query).toBe('café 😀');
  });

  it('crypto: Yahoo pairs first, CoinGecko coins as USD pairs', async () => {
    const h = await home();
    const out = JSON.parse((await h.run('search', 'BTC-USD', '--json')).stdout) as { results: Row[] };
    expect(out.results[0]).toMatchObject({ symbol: 'BTC-USD', type: 'crypto', currency: 'USD', exchange: 'CCC' });
    const zrx = JSON.parse((await h.run('search', '0x', '--json')).stdout) as { results: Row[] };
    expect(zrx.results.find((x) => x.symbol === 'ZRX-USD')).toMatchObject({ name: '0x', source: 'coingecko', type: 'crypto' });
  });
});

describe('pure parts', () => {
  it('ISIN check digits against published ISINs', () => {
    expect(isinCheckDigit('US037833100')).toBe(5); // Apple
    expect(isinCheckDigit('US459200101')).toBe(4); // IBM
    expect(isinCheckDigit('NO001012306')).toBe(0); // from the recorded Yahoo search
    expect(isinCheckDigit('DE000716460')).toBe(0); // SAP
    expect(checkIsin('GB0002634946')).toEqual({ ok: true, isin: 'GB0002634946' }); // BAE Systems
    expect(checkIsin('IE00B4L5Y983')).toEqual({ ok: true, isin: 'IE00B4L5Y983' }); // iShares MSCI World (letters inside)
    expect(checkIsin('IE00B4L5Y984').ok).toBe(false);
    expect(checkIsin('XX').ok).toBe(false);
  });

  it('typo distance: one edit or one swap for short symbols', () => {
    expect(editDistance('APPL', 'AAPL')).toBe(1);
    expect(editDistance('MSTF', 'MSFT')).toBe(1);
    expect(editDistance('AAPL', 'AAPL')).toBe(0);
    expect(closestSymbols('APPL', ['MSFT', 'AAPL', 'APP', 'KO'])).toEqual(['AAPL', 'APP']);
    expect(closestSymbols('XYZQ', ['AAPL', 'MSFT'])).toEqual([]);
  });

  it('ranking merges providers: one row per symbol, the exact ticker first', () => {
    const hit = (symbol: string, source: string, providerRank: number, name: string | null = null) => ({ symbol, name, exchange: null, type: 'equity', currency: 'USD', source, providerRank });
    const ranked = rankHits('ibm', [[hit('IBMX', 'yahoo', 0, 'IBM something'), hit('IBM', 'yahoo', 1)], [hit('IBM', 'openfigi', 0, 'INTL BUSINESS MACHINES')]]);
    expect(ranked.map((r) => r.symbol)).toEqual(['IBM', 'IBMX']);
    expect(ranked[0]).toMatchObject({ source: 'yahoo', name: 'INTL BUSINESS MACHINES' });
  });
});
