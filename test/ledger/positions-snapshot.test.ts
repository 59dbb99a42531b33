import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CostMethod } from '../../src/core/holdings.js';
import type { NewTransaction } from '../../src/core/types.js';
import { buildHoldingsReport, type HoldingsReport } from '../../src/ledger/holdings-report.js';
import { importCsv } from '../../src/ledger/import-csv.js';
import { storedSummary } from '../../src/ledger/positions-snapshot.js';
import { openDb, type Db } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { tempDir } from '../helpers/tmp.js';
import { seededRandom } from '../../src/market/symbols.js';
import { tx } from '../returns/helpers.js';

const NOW = new Date('2024-06-05T15:00:00.000Z');

/** Deterministic PRNG (mulberry32), the one the simulated market uses. */
const rng = seededRandom;

const SYMBOLS: [string, string, string][] = [
  ['AAPL', 'USD', 'default'],
  ['MSFT', 'USD', 'default'],
  ['NVDA', 'USD', 'default'],
  ['SAP.DE', 'EUR', 'eu'],
  ['ASML.AS', 'EUR', 'eu'],
  ['VOD.L', 'GBP', 'uk'],
  ['HSBA.L', 'GBP', 'uk'],
];


/** A random ledger: deposits, buys, sells (some larger than held), splits, dividends, fees, interest. */
function randomLedger(random: () => number, n: number, fromYear = 2020): NewTransaction[] {
  const out: NewTransaction[] = [];
  const held = new Map<string, number>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  for (let i = 0; i < n; i++) {
    const date = `${fromYear + Math.floor(random() * 4)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const [symbol, currency, account] = pick(SYMBOLS);
    const r = random();
    const price = Math.round((5 + random() * 300) * 100) / 100;
    const fee = random() < 0.5 ? 0 : Math.round(random() * 500) / 100;
    if (r < 0.4) {
      const q = random() < 0.2 ? Math.round(random() * 1000) / 1000 : 1 + Math.floor(random() * 50);
      held.set(symbol, (held.get(symbol) ?? 0) + q);
      out.push(tx({ date, type: 'buy', symbol, quantity: q, price, fee, currency, account }));
    } else if (r < 0.6) {
      const h = held.get(symbol) ?? 0;
      if (h <= 0) continue;
      const q = random() < 0.1 ? h : Math.max(0.001, Math.round(h * random() * 1000) / 1000);
      held.set(symbol, h - q);
      out.push(tx({ date, type: 'sell', symbol, quantity: q, price, fee, currency, account }));
    } else if (r < 0.65) {
      out.push(tx({ date, type: 'split', symbol, ratio: pick(['2:1', '10:1', '1:4', '3:2']), currency, account }));
    } else if (r < 0.75) {
      out.push(tx({ date, type: 'dividend', symbol, amount: Math.round(random() * 5000) / 100, currency, account }));
    } else if (r < 0.8) {
      out.push(tx({ date, type: 'fee', symbol: random() < 0.5 ? symbol : null, amount: Math.round(random() * 2000) / 100, currency, account }));
    } else if (r < 0.85) {
      out.push(tx({ date, type: 'interest', amount: Math.round(random() * 1000) / 100, currency, account }));
    } else if (r < 0.97) {
      out.push(tx({ date, type: 'deposit', amount: Math.round(random() * 1e6) / 100, currency, account }));
    } else {
      out.push(tx({ date, type: 'withdrawal', amount: Math.round(random() * 1e5) / 100, currency, account }));
    }
  }
  return out;
}

function quote(d: Db, symbol: string, price: number, previousClose: number | null, currency: string): void {
  d.prepare(
    `INSERT INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
     VALUES (?, ?, ?, ?, ?, ?, 'REGULAR', 'America/New_York', ?, 'yahoo')
     ON CONFLICT(symbol) DO UPDATE SET price = excluded.price, previous_close = excluded.previous_close`,
  ).run(symbol, price, previousClose, currency, `${symbol} Inc.`, NOW.toISOString(), NOW.toISOString());
}
function close(d: Db, symbol: string, date: string, value: number): void {
  d.prepare(`INSERT INTO daily_closes (symbol, date, close, source) VALUES (?, ?, ?, 'yahoo')
    ON CONFLICT(symbol, date) DO UPDATE SET close = excluded.close`).run(symbol, date, value);
}

/** EUR has daily history from 2021 (earlier trades take the first close); GBP only an inverse quote. */
function market(d: Db, random: () => number): void {
  d.transaction(() => {
    for (let day = Date.parse('2021-01-04'); day < Date.parse('2024-06-05'); day += 86_400_000 * (1 + Math.floor(random() * 3))) {
      close(d, 'EURUSD=X', new Date(day).toISOString().slice(0, 10), 1 + random() * 0.3);
    }
    quote(d, 'EURUSD=X', 1.08, 1.07, 'USD');
    quote(d, 'USDGBP=X', 0.79, 0.8, 'GBP');
    for (const [symbol, currency] of SYMBOLS.slice(0, -1)) quote(d, symbol, 10 + random() * 300, 10 + random() * 300, currency);
    close(d, 'HSBA.L', '2024-06-03', 6.5); // no quote: priced from its close
  })();
}

const build = (d: Db, costMethod: CostMethod, base: string): HoldingsReport => buildHoldingsReport(d, { baseCurrency: base, costMethod, now: NOW, ttlSeconds: 300 });

/** The report from a full replay, whatever is stored. */
function replayed(d: Db, costMethod: CostMethod, base: string): HoldingsReport {
  d.prepare('DELETE FROM positions_cache WHERE cost_method = ? AND base_currency = ?').run(costMethod, base);
  return build(d, costMethod, base);
}

const KEYS: [CostMethod, string][] = [
  ['avg', 'USD'],
  ['fifo', 'USD'],
  ['avg', 'EUR'],
  ['fifo', 'GBP'],
];

/** For every key: a replay stores the snapshot, and the report served from it is identical. */
function expectSnapshotMatchesReplay(d: Db): void {
  for (const [method, base] of KEYS) {
    const fromReplay = replayed(d, method, base);
    expect(storedSummary(d, method, base)).not.toBeNull();
    const fromSnapshot = build(d, method, base);
    expect(fromSnapshot).toEqual(fromReplay);
    expect(JSON.stringify(fromSnapshot)).toBe(JSON.stringify(fromReplay));
  }
}

describe('positions snapshot', () => {
  it('gives the replay’s report exactly, on random ledgers, after inserts, deletes and imports', async () => {
    for (const seed of [1, 2, 3]) {
      const random = rng(seed);
      const dir = tempDir();
      const d = openDb(join(dir, 'portfolio.db'));
      market(d, random);
      insertTransactions(d, randomLedger(random, 300));
      const first = build(d, 'fifo', 'USD');
      expect(first.holdings.length).toBeGreaterThan(3);
      expect(first.holdings.some((h) => h.currency === 'EUR') && first.holdings.some((h) => h.currency === 'GBP')).toBe(true);
      expectSnapshotMatchesReplay(d);

      // Inserts make every stored snapshot stale; the next report replays and matches again.
      insertTransactions(d, randomLedger(random, 40, 2020));
      for (const [method, base] of KEYS) expect(storedSummary(d, method, base)).toBeNull();
      expectSnapshotMatchesReplay(d);

      const ids = (d.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as number[]).filter(() => random() < 0.1);
      for (const id of ids) d.prepare('DELETE FROM transactions WHERE id = ?').run(id);
      expect(storedSummary(d, 'avg', 'USD')).toBeNull();
      expectSnapshotMatchesReplay(d);

      d.prepare("UPDATE transactions SET quantity = quantity * 2 WHERE type = 'buy' AND id % 7 = 0").run();
      expect(storedSummary(d, 'avg', 'USD')).toBeNull();
      expectSnapshotMatchesReplay(d);

      const csv = join(dir, 'more.csv');
      writeFileSync(
        csv,
        'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio\n' +
          '2024-02-01,buy,SAP.DE,7,140,,1,EUR,eu,,\n2024-03-01,sell,AAPL,1,180,,0,USD,default,,\n2024-04-01,buy,TSLA,3,170,,0,USD,default,,\n',
      );
      const summary = await importCsv(d, { path: csv, name: 'more.csv', baseCurrency: 'USD', dryRun: false });
      expect(summary.added).toBe(3);
      expect(storedSummary(d, 'fifo', 'USD')).toBeNull();
      expectSnapshotMatchesReplay(d);
      d.close();
    }
  });

  it('goes stale when an FX close changes, and with FX quotes only when it converted at a latest rate', () => {
    const random = rng(7);
    const d = openDb(join(tempDir(), 'portfolio.db'));
    market(d, random);
    insertTransactions(d, randomLedger(random, 200));
    expectSnapshotMatchesReplay(d);

    // A new EURUSD close moves the cost basis of EUR trades on or after its date.
    close(d, 'EURUSD=X', '2022-06-15', 2);
    expect(storedSummary(d, 'avg', 'USD')).toBeNull();
    expectSnapshotMatchesReplay(d);

    // GBP trades were converted at the latest (inverse) quote: a new quote makes that snapshot stale.
    quote(d, 'USDGBP=X', 0.5, 0.8, 'GBP');
    expect(storedSummary(d, 'avg', 'USD')).toBeNull();
    expectSnapshotMatchesReplay(d);

    // Without GBP trades every rate comes from history: FX quotes no longer matter to the snapshot.
    d.prepare("DELETE FROM transactions WHERE currency = 'GBP'").run();
    build(d, 'avg', 'USD');
    const before = storedSummary(d, 'avg', 'USD');
    expect(before).not.toBeNull();
    quote(d, 'EURUSD=X', 1.5, 1.07, 'USD');
    expect(storedSummary(d, 'avg', 'USD')).toEqual(before);
    expectSnapshotMatchesReplay(d);
    // And a new stock quote never does.
    quote(d, 'AAPL', 999, 990, 'USD');
    expect(storedSummary(d, 'avg', 'USD')).not.toBeNull();
    expect(build(d, 'avg', 'USD')).toEqual(replayed(d, 'avg', 'USD'));
    d.close();
  });

  it('survives the FX closes that cannot change it: the same values written again, a close dated after every transaction', () => {
    const random = rng(11);
    const d = openDb(join(tempDir(), 'portfolio.db'));
    market(d, random);
    insertTransactions(d, randomLedger(random, 200));
    d.prepare("DELETE FROM transactions WHERE currency = 'GBP'").run(); // every rate from history, none latest
    build(d, 'avg', 'USD');
    const before = storedSummary(d, 'avg', 'USD');
    expect(before).not.toBeNull();
    // A re-fetch of the same history (warm's upsert) changes no value.
    const rows = d.prepare("SELECT date, close FROM daily_closes WHERE symbol = 'EURUSD=X'").raw().all() as [string, number][];
    d.transaction(() => {
      for (const [date, value] of rows) close(d, 'EURUSD=X', date, value);
    })();
    expect(storedSummary(d, 'avg', 'USD')).toEqual(before);
    // A day's close dated after every transaction (what each warm writes) is used by no trade.
    const last = d.prepare('SELECT MAX(date) FROM transactions').pluck().get() as string;
    const next = new Date(Date.parse(last) + 86_400_000).toISOString().slice(0, 10);
    close(d, 'EURUSD=X', next, 1.9);
    expect(storedSummary(d, 'avg', 'USD')).toEqual(before);
    expectSnapshotMatchesReplay(d);
    // One dated on the last trade's day is used by it.
    close(d, 'EURUSD=X', last, 1.95);
    expect(storedSummary(d, 'avg', 'USD')).toBeNull();
    expectSnapshotMatchesReplay(d);
    d.close();
  });

  it('never waits for another writer: the report is built and the snapshot left for later', () => {
    const path = join(tempDir(), 'portfolio.db');
    const d = openDb(path);
    insertTransactions(d, [tx({ date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 10, price: 100 })]);
    quote(d, 'AAPL', 120, 118, 'USD');
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const t0 = performance.now();
      const r = build(d, 'avg', 'USD');
      expect(performance.now() - t0).toBeLessThan(2000); // busy_timeout is 10 s
      expect(r.holdings[0]).toMatchObject({ symbol: 'AAPL', quantity: 10, marketValue: 1200 });
      expect(storedSummary(d, 'avg', 'USD')).toBeNull();
      expect(d.pragma('busy_timeout', { simple: true })).toBe(10_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    build(d, 'avg', 'USD');
    expect(storedSummary(d, 'avg', 'USD')).not.toBeNull();
    d.close();
  });

  it('keeps amounts without an FX rate (NaN) through the snapshot', () => {
    const d = openDb(join(tempDir(), 'portfolio.db'));
    insertTransactions(d, [
      tx({ date: '2024-01-02', type: 'buy', symbol: 'CHF.SW', quantity: 4, price: 50, currency: 'CHF', account: 'ch' }),
      tx({ date: '2024-02-02', type: 'dividend', symbol: 'CHF.SW', amount: 3, currency: 'CHF', account: 'ch' }),
    ]);
    quote(d, 'CHF.SW', 55, 54, 'CHF');
    const fromReplay = replayed(d, 'avg', 'USD');
    expect(fromReplay.holdings[0]?.costBasis).toBeNull();
    expect(fromReplay.warnings.some((w) => w.includes('CHFUSD=X'))).toBe(true);
    expect(build(d, 'avg', 'USD')).toEqual(fromReplay);
    d.close();
  });

  it('replays again rather than serve a snapshot stored by an older replay (no rules stamp)', () => {
    const d = openDb(join(tempDir(), 'portfolio.db'));
    insertTransactions(d, [tx({ date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 4, price: 50 })]);
    build(d, 'avg', 'USD');
    expect(storedSummary(d, 'avg', 'USD')).not.toBeNull();
    const old = JSON.parse(d.prepare("SELECT snapshot FROM positions_cache WHERE cost_method = 'avg'").pluck().get() as string) as Record<string, unknown>;
    delete old.rules;
    d.prepare("UPDATE positions_cache SET snapshot = ? WHERE cost_method = 'avg'").run(JSON.stringify({ ...old, realizedBase: 999 }));
    expect(storedSummary(d, 'avg', 'USD')).toBeNull();
    expect(build(d, 'avg', 'USD').totals.realizedGain).toBe(0);
    d.close();
  });
});
