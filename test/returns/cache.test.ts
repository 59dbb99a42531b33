import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { setManualCloses } from '../../src/store/prices.js';
import { portfolioDaily } from '../../src/returns/cache.js';
import { loadPerfData, portfolioScope } from '../../src/returns/engine.js';
import { generate } from './generate.js';
import { addCloses, addTxs, tempDb, tx } from './helpers.js';

const KEYS = ['value', 'inflow', 'outflow', 'dividends', 'interest', 'fees'] as const;

/** The cached answer must equal a from-scratch computation exactly, warnings included. */
function expectSameAsFull(db: Db, to: string) {
  const got = portfolioDaily(db, { to, baseCurrency: 'USD' });
  const data = loadPerfData(db, { to, baseCurrency: 'USD' });
  const full = portfolioScope(data);
  expect(got.start).toBe(data.start);
  expect(got.length).toBe(data.length);
  for (const k of KEYS) expect(Array.from(got.series[k]), k).toEqual(Array.from(full[k]));
  expect(got.warnings.messages(got.start, 0, got.length - 1)).toEqual(data.warnings.messages(data.start, 0, data.length - 1));
  return got.cache;
}

function seeded(): Db {
  const { db } = tempDb();
  const { txs, closes } = generate(11);
  addTxs(db, txs);
  // Closes up to mid-2024 only; the rest arrives later, as a daily warm would add it.
  addCloses(
    db,
    closes.filter((c) => c[1] <= '2024-06-30'),
  );
  return db;
}

describe('perf cache', () => {
  it('extends the series by the new days only and matches a full computation', () => {
    const db = seeded();
    expect(expectSameAsFull(db, '2024-03-31')).toBe('full');
    expect(expectSameAsFull(db, '2024-03-31')).toBe('hit');
    expect(expectSameAsFull(db, '2024-02-10')).toBe('hit'); // a shorter request reads a prefix
    expect(expectSameAsFull(db, '2024-06-30')).toBe('extended');
    expect(expectSameAsFull(db, '2024-06-30')).toBe('hit');
  });

  it('recomputes from the earliest changed close (fetched, manual or deleted)', () => {
    const db = seeded();
    expectSameAsFull(db, '2024-06-30');
    addCloses(db, [['AAA', '2024-05-15', 999]]);
    expect((db.prepare('SELECT dirty_from FROM perf_cache').pluck().get() as string)).toBe('2024-05-15');
    expect(expectSameAsFull(db, '2024-06-30')).toBe('extended');
    setManualCloses(db, [{ symbol: 'BBB', date: '2024-01-10', close: 1 }]);
    expect(expectSameAsFull(db, '2024-06-30')).toBe('extended');
    db.prepare("DELETE FROM daily_closes WHERE symbol = 'CCC' AND date = '2024-03-04'").run();
    expect(expectSameAsFull(db, '2024-06-30')).toBe('extended');
    // New days of closes arrive: only they are computed.
    const { closes } = generate(11);
    addCloses(
      db,
      closes.filter((c) => c[1] > '2024-06-30'),
    );
    expect(expectSameAsFull(db, '2024-12-31')).toBe('extended');
  });

  it('answers without waiting when another process holds the write lock, and caches next time', () => {
    const { db, path } = tempDb();
    const { txs, closes } = generate(5);
    addTxs(db, txs);
    addCloses(db, closes);
    const other = openDb(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const t0 = performance.now();
    const first = portfolioDaily(db, { to: '2024-12-31', baseCurrency: 'USD' });
    expect(performance.now() - t0).toBeLessThan(5_000); // far below the 10 s busy timeout
    expect(first.cache).toBe('full');
    other.prepare('ROLLBACK').run();
    other.close();
    expect(db.prepare('SELECT COUNT(*) FROM perf_cache').pluck().get()).toBe(0);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    expect(expectSameAsFull(db, '2024-12-31')).toBe('full');
    expect(expectSameAsFull(db, '2024-12-31')).toBe('hit');
  });

  it('still answers on a database created before the cache table existed', () => {
    const db = seeded();
    db.exec('DROP TABLE perf_cache');
    expect(expectSameAsFull(db, '2024-06-30')).toBe('full');
    expect(expectSameAsFull(db, '2024-06-30')).toBe('full');
  });

  it('rebuilds after any ledger change', () => {
    const db = seeded();
    expectSameAsFull(db, '2024-06-30');
    addTxs(db, [tx({ date: '2024-02-01', type: 'deposit', amount: 5, account: 'ira' })]);
    expect(db.prepare('SELECT COUNT(*) FROM perf_cache').pluck().get()).toBe(0);
    expect(expectSameAsFull(db, '2024-06-30')).toBe('full');
  });
});
