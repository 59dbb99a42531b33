/**
 * A seeded, bounded fuzz pass over what comes from outside: CSV files given to `import`, config
 * files, and provider answers. For every case: no crash (exit 0, 1 or 75 only), no stack trace on
 * stderr, a `portfolio:` error line when it fails, and nothing half-written (the ledger is either
 * unchanged or grew by the whole file; the cache holds only sane prices).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { count, inspect, integrity, NODE_WARNING, prng, run, STACK_FRAME } from './helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio';

/** Hand-picked nasty rows; the generator mixes them with random ones. */
const NASTY_CELLS = [
  '1e400', '-1e400', '1e308', '99999999999999999999999999999999', '-0', 'NaN', 'Infinity', '0x10', '1,000.50', '１２', ' 12 ', '',
  '2024-02-30', '2023-13-01', '0000-00-00', '2024-1-5', '20240105', '9999-12-31', '1900-01-01', '2024-02-29T10:00',
  '=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1', "'=1",
  'AAPL', 'VOD.L', 'EURUSD=X', 'BRK-B', '../../etc/passwd', 'a'.repeat(5000), '"', '""', '\u0000', '\u202e', '😀', 'NULL', 'undefined',
  'buy', 'sell', 'split', 'dividend', 'deposit', 'BUY', 'bogus', '1:0', '0:1', '2:1', '-1:2', 'USD', 'usd', 'GBp', 'XX',
];
const TYPES = ['buy', 'sell', 'dividend', 'interest', 'fee', 'deposit', 'withdrawal', 'split'];

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function randomCsv(r: () => number, kind: number): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  if (kind === 0) {
    // Random bytes, sometimes after a valid header.
    const bytes = Buffer.alloc(1 + Math.floor(r() * 4000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
    return r() < 0.5 ? Buffer.concat([Buffer.from(`${HEADER}\n`), bytes]) : bytes;
  }
  const rows: string[] = [kind === 1 ? HEADER : pick([HEADER, HEADER.toUpperCase(), `\ufeff${HEADER}`, 'date,type,symbol,quantity,price,bogus', 'date;type;symbol', HEADER.split(',').reverse().join(',')])];
  const n = 1 + Math.floor(r() * 30);
  for (let i = 0; i < n; i++) {
    const cells = [
      r() < 0.7 ? `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}` : pick(NASTY_CELLS),
      r() < 0.8 ? pick(TYPES) : pick(NASTY_CELLS),
      r() < 0.7 ? pick(['AAPL', 'MSFT', 'VOD.L', 'SAP.DE']) : pick(NASTY_CELLS),
      r() < 0.6 ? String(1 + Math.floor(r() * 50)) : pick(NASTY_CELLS),
      r() < 0.6 ? (r() * 500).toFixed(2) : pick(NASTY_CELLS),
      r() < 0.6 ? (r() * 500).toFixed(2) : pick(NASTY_CELLS),
      r() < 0.8 ? '' : pick(NASTY_CELLS),
      r() < 0.8 ? 'USD' : pick(NASTY_CELLS),
      r() < 0.8 ? 'main' : pick(NASTY_CELLS),
      r() < 0.7 ? '' : pick(NASTY_CELLS),
      r() < 0.9 ? '' : pick(NASTY_CELLS),
    ];
    const width = r() < 0.9 ? cells.length : Math.floor(r() * 14);
    rows.push(Array.from({ length: width }, (_, k) => csvCell(cells[k] ?? pick(NASTY_CELLS))).join(','));
  }
  const eol = r() < 0.2 ? '\r\n' : '\n';
  return Buffer.from(rows.join(eol) + (r() < 0.5 ? eol : ''));
}

describe('fuzz: CSV import', () => {
  it(`never crashes, never half-imports, explains every refusal (seed ${SEED}, 60 files)`, async () => {
    const home = tempDir('portfolio-fuzz-');
    const env = { PORTFOLIO_HOME: home, PORTFOLIO_NOW: '2026-11-25T21:30:00Z' };
    const seedCsv = join(home, 'seed.csv');
    writeFileSync(seedCsv, `${HEADER}\n2024-01-02,deposit,,,,10000,,USD,main,,\n2024-01-03,buy,AAPL,10,150,,1,USD,main,,\n`);
    expect((await run(['import', seedCsv], env)).code).toBe(0);
    const db = join(home, 'portfolio.db');
    const r = prng(SEED);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      const file = join(home, `case-${i}.csv`);
      writeFileSync(file, randomCsv(r, i % 4));
      const before = count(db, 'transactions');
      const res = await run(['import', file], env);
      const after = count(db, 'transactions');
      const where = `case ${i} (seed ${SEED}): exit ${res.code}\n${res.stderr.slice(0, 600)}`;
      expect([0, 1], where).toContain(res.code);
      expect(res.stderr, where).not.toMatch(STACK_FRAME);
      if (res.code === 0) {
        accepted++;
        expect(after, where).toBeGreaterThanOrEqual(before);
      } else {
        refused++;
        expect(after, where).toBe(before); // nothing half-written
        expect(res.stderr, where).toMatch(/^portfolio: /m);
        // Row errors name the file and line (FILE:LINE: COLUMN: message) unless the file as a whole is unreadable.
        if (/:\d+: /.test(res.stderr)) expect(res.stderr, where).toMatch(new RegExp(`case-${i}\\.csv:\\d+: `));
      }
    }
    expect(integrity(db)).toBe('ok');
    expect(refused).toBeGreaterThan(20);
    // Nothing non-finite or absurd got in.
    const bad = inspect(db, (d) => d.prepare(`SELECT COUNT(*) AS n FROM transactions WHERE
      (quantity IS NOT NULL AND (quantity <= 0 OR quantity > 1e300)) OR (price IS NOT NULL AND price < 0) OR
      (amount IS NOT NULL AND amount <= 0) OR date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`).get() as { n: number });
    expect(bad.n).toBe(0);
    expect(accepted + refused).toBe(60);
  });
});

describe('fuzz: config files', () => {
  const cases: (string | Buffer)[] = [
    '{', '[]', 'null', '"yahoo"', '42', '{"baseCurrency": 5}', '{"baseCurrency": "usd"}', '{"costMethod": "lifo"}',
    '{"provider": "bloomberg"}', '{"quoteTtlSeconds": -1}', '{"quoteTtlSeconds": 1e400}', '{"yahoo": {"requestsPerSecond": 0}}',
    '{"yahoo": {"baseUrl": "not a url"}}', '{"yahoo": {"concurrency": 1.5}}', '{"yahoo": []}', '{"unknownKey": true}',
    '{"daemon": {"quotesCron": ""}}', '{"notify": {"command": "rm -rf /"}}', '{"notify": {"command": []}}',
    '{"breaker": {"failureThreshold": "5"}}', '{"__proto__": {"polluted": true}}', Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`, '\ufeff{}', '{"baseCurrency": "EUR", "baseCurrency": 7}',
  ];
  it(`refuses each bad config with one clear line and exit 1 (${cases.length} files)`, async () => {
    const home = tempDir('portfolio-fuzz-config-');
    const env = { PORTFOLIO_HOME: home };
    const results: string[] = [];
    for (const [i, text] of cases.entries()) {
      writeFileSync(join(home, 'config.json'), text);
      const res = await run(['holdings', '--json'], env);
      const where = `config case ${i} ${JSON.stringify(String(text).slice(0, 60))}: exit ${res.code}\n${res.stderr.slice(0, 400)}`;
      expect(res.stderr, where).not.toMatch(STACK_FRAME);
      // A BOM before {} is the one case a tolerant reader may accept; every other case is an error.
      if (res.code === 0) {
        results.push(`accepted ${i}`);
        continue;
      }
      expect(res.code, where).toBe(1);
      expect(res.stderr, where).toMatch(/^portfolio: .*config/m);
      expect(res.stdout, where).toBe('');
    }
    expect(results.filter((r) => r !== `accepted ${cases.indexOf('\ufeff{}')}`)).toEqual([]);
  });
});

describe('fuzz: provider answers', () => {
  let fake: FakeYahoo;
  beforeAll(async () => {
    fake = await startFakeYahoo({ latencyMs: 2 });
  });
  afterAll(async () => {
    await fake.close();
  });

  const modes: { name: string; set: Parameters<FakeYahoo['set']>[0] }[] = [
    { name: 'truncated JSON', set: { garbage: 'json' } },
    { name: 'HTML error page', set: { garbage: 'html' } },
    { name: 'huge body', set: { garbage: 'huge', hugeBytes: 12 * 1024 * 1024 } },
    { name: 'null prices', set: { nullPriceSymbols: ['AAPL', 'MSFT', 'VOD.L'] } },
    { name: 'missing fields', set: { missingFieldSymbols: ['AAPL', 'MSFT'] } },
    { name: 'absurd prices', set: { priceOverrides: { AAPL: -5, MSFT: 1e308, 'VOD.L': 0 } } },
    { name: 'unknown symbols', set: { unknownSymbols: ['MSFT'] } },
    { name: 'extra symbols', set: { extraSymbols: ['EVIL', 'AAPL'] } },
    { name: 'quote 403', set: { quoteStatus: 403 } },
    { name: 'chart nonsense', set: { chartOverrides: { AAPL: { chart: { result: [{ timestamp: ['x', null], indicators: { quote: [{ close: ['NaN', -1] }] } }] } }, MSFT: [1, 2, 3], 'VOD.L': { chart: null } } } },
    { name: '503 outage', set: { outage: '503' } },
    { name: 'connection resets', set: { outage: 'reset' } },
  ];

  it(`keeps the cache sane and exits 0 or 75 on every kind of bad answer (${modes.length} modes)`, async () => {
    const clean = { garbage: null, nullPriceSymbols: [], missingFieldSymbols: [], priceOverrides: {}, unknownSymbols: [], extraSymbols: [], quoteStatus: null, chartOverrides: {}, outage: false as const };
    for (const mode of modes) {
      const home = tempDir('portfolio-fuzz-provider-');
      writeFileSync(join(home, 'config.json'), JSON.stringify({ yahoo: { retries: 1, backoffMs: 10, requestsPerSecond: 50, timeoutMs: 4000 } }));
      const env = { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url };
      const csv = join(home, 'l.csv');
      writeFileSync(csv, `${HEADER}\n2025-01-02,buy,AAPL,10,150,,1,USD,main,,\n2025-01-02,buy,MSFT,5,300,,1,USD,main,,\n2025-01-03,buy,VOD.L,100,0.7,,0,GBP,main,,\n`);
      expect((await run(['import', csv], env)).code).toBe(0);
      fake.set({ ...clean, ...mode.set });
      const res = await run(['warm', '--json'], env, 90_000);
      fake.set(clean);
      const where = `${mode.name}: exit ${res.code}\n${res.stderr.slice(0, 500)}`;
      expect([0, 75], where).toContain(res.code);
      expect(res.stderr, where).not.toMatch(STACK_FRAME);
      expect(res.stderr, where).not.toMatch(NODE_WARNING);
      const summary = JSON.parse(res.stdout) as { errors: { symbol: string; message: string }[] };
      expect(Array.isArray(summary.errors), where).toBe(true);
      const db = join(home, 'portfolio.db');
      expect(integrity(db), where).toBe('ok');
      // Finite and positive (an implausible but finite price such as 1e308 is the provider's word; the reports must survive it).
      const insane = inspect(db, (d) => d.prepare(`SELECT symbol, price FROM quotes WHERE NOT (price > 0 AND price <= 1.7976931348623157e308)`).all());
      expect(insane, where).toEqual([]);
      const badCloses = inspect(db, (d) => d.prepare(`SELECT COUNT(*) AS n FROM daily_closes WHERE close IS NOT NULL AND NOT (close > 0 AND close <= 1.7976931348623157e308)`).get() as { n: number });
      expect(badCloses.n, where).toBe(0);
      expect(inspect(db, (d) => d.prepare(`SELECT COUNT(*) AS n FROM quotes WHERE symbol = 'EVIL'`).get() as { n: number }).n, where).toBe(0);
      // Reading commands still work on whatever the cache holds.
      for (const args of [['holdings', '--json'], ['performance', '--json'], ['dashboard', '--offline']]) {
        const h = await run(args, env);
        expect(h.code, `${where}\n${args[0]}: ${h.stderr}`).toBe(0);
        expect(h.stderr, where).not.toMatch(STACK_FRAME);
      }
    }
  });
});
