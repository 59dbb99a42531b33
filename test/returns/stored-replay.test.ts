/**
 * The stored replay (lot state at each year end, src/returns/stored-replay.ts) makes `gains` and
 * `income` faster, never different: on small generated ledgers, reports served from stored years
 * equal a replay from the first row bit for bit (NaN and -0 included), before and after random
 * inserts, deletes, edits and FX changes; and each kind of change drops exactly the years it touches.
 */
import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../../src/core/dates.js';
import type { CostMethod } from '../../src/core/holdings.js';
import type { Db } from '../../src/store/db.js';
import { clearReplayYears, replayYears } from '../../src/store/lot-replay.js';
import { deleteTransaction, listTransactions } from '../../src/store/transactions.js';
import { gainsReport } from '../../src/returns/gains-report.js';
import { incomeReport } from '../../src/returns/income-report.js';
import { gbpUsdCloses, generate, rng } from './generate.js';
import { addCloses, addTxs, tempDb, tx } from './helpers.js';

/** Every number as its exact shortest text (NaN, -0 and all), so equal text means equal bits. */
const exact = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : v));

function ledger(seed: number): Db {
  const { db } = tempDb();
  const { txs, closes } = generate(seed);
  addTxs(db, [
    tx({ date: '2021-03-01', type: 'buy', symbol: 'AAA', quantity: 30, price: 40, fee: 1, account: 'broker' }),
    tx({ date: '2021-09-01', type: 'buy', symbol: 'VOD.L', quantity: 100, price: 1.1, currency: 'GBP', account: 'ira' }),
    tx({ date: '2022-02-01', type: 'dividend', symbol: 'AAA', amount: 6, account: 'broker' }),
    tx({ date: '2022-05-01', type: 'sell', symbol: 'AAA', quantity: 10, price: 45, fee: 1, account: 'broker' }),
    tx({ date: '2022-06-01', type: 'tax', symbol: 'AAA', amount: 0.9, account: 'broker' }),
    ...txs.map((t) => (t.symbol === 'VOD.L' ? { ...t, currency: 'GBP' } : t)),
    tx({ date: '2024-06-03', type: 'split', symbol: 'AAA', ratio: '2:1', account: 'broker' }),
  ]);
  addCloses(db, [...closes, ...gbpUsdCloses()]);
  return db;
}

type Report = () => unknown;

function reportsOf(db: Db, costMethod: CostMethod, today: string): Report[] {
  const g = { baseCurrency: 'USD', costMethod, longTermMonths: 12 };
  const inc = { today, now: new Date(`${today}T20:00:00Z`), baseCurrency: 'USD', costMethod, ttlSeconds: 900 };
  return [
    () => gainsReport(db, { ...g, to: today }),
    () => gainsReport(db, { ...g, from: '2023-01-01', to: '2023-12-31' }),
    () => gainsReport(db, { ...g, from: '2022-03-15', to: today, by: 'account' }),
    () => incomeReport(db, { ...inc, by: 'month' }),
    () => incomeReport(db, { ...inc, by: 'year', symbol: 'VOD.L' }),
  ];
}

/** Each report replayed from the first row (nothing stored before, nothing left after). */
const fresh = (db: Db, reports: Report[]) =>
  reports.map((r) => {
    clearReplayYears(db);
    const out = exact(r());
    clearReplayYears(db);
    return out;
  });

/** Each report twice: the first run stores what is missing, the second reads it. */
const stored = (db: Db, reports: Report[]) => reports.map((r) => [exact(r()), exact(r())]);

const KEY = { costMethod: 'fifo', baseCurrency: 'USD', longTermMonths: 12 };

describe('stored replay equals a replay from the first row', () => {
  for (const seed of [5, 11, 23]) {
    it(`seed ${seed}: random inserts, deletes, edits and FX changes`, () => {
      const db = ledger(seed);
      const r = rng(seed * 31);
      for (let step = 0; step < 6; step++) {
        const costMethod: CostMethod = step % 2 ? 'avg' : 'fifo';
        const today = step % 3 === 2 ? '2024-07-15' : '2024-12-31';
        const reports = reportsOf(db, costMethod, today);
        const want = fresh(db, reports);
        const got = stored(db, reports);
        expect(replayYears(db, { ...KEY, costMethod }).length).toBeGreaterThanOrEqual(3); // 2021.. stored
        for (let i = 0; i < want.length; i++) {
          expect(got[i]?.[0]).toBe(want[i]);
          expect(got[i]?.[1]).toBe(want[i]);
        }
        // A random change before the next round.
        const date = dayToIso(isoToDay('2021-06-01') + Math.floor(r() * 1300));
        const k = r();
        const all = listTransactions(db);
        const victim = all[Math.floor(r() * all.length)];
        if (k < 0.25) addTxs(db, [tx({ date, type: r() < 0.6 ? 'buy' : 'sell', symbol: r() < 0.5 ? 'AAA' : 'VOD.L', quantity: 1 + Math.floor(r() * 9), price: 10 + r() * 50, account: r() < 0.5 ? 'broker' : 'ira' })]);
        else if (k < 0.45) addTxs(db, [tx({ date, type: 'dividend', symbol: 'AAA', amount: Math.round(r() * 500) / 100, account: 'broker' })]);
        else if (k < 0.6 && victim) deleteTransaction(db, victim.id);
        else if (k < 0.8 && victim) db.prepare('UPDATE transactions SET date = ?, quantity = quantity * 1.5 WHERE id = ?').run(date, victim.id);
        else addCloses(db, [['GBPUSD=X', date, 1 + r()]]);
      }
    });
  }
});

describe('what a change drops', () => {
  const years = (db: Db) => replayYears(db, KEY);
  const warm = (db: Db) => gainsReport(db, { baseCurrency: 'USD', costMethod: 'fifo', longTermMonths: 12, to: '2024-12-31' });

  it('a transaction drops its year and every later one (insert, edit, delete); other closes drop nothing', () => {
    const db = ledger(7);
    warm(db);
    expect(years(db)).toEqual(['2021', '2022', '2023', '2024']);
    addCloses(db, [['AAA', '2022-05-05', 41]]);
    expect(years(db)).toEqual(['2021', '2022', '2023', '2024']);
    addTxs(db, [tx({ date: '2024-05-01', type: 'buy', symbol: 'BBB', quantity: 1, price: 1, account: 'ira' })]);
    expect(years(db)).toEqual(['2021', '2022', '2023']);
    const late = listTransactions(db).find((t) => t.date === '2024-05-01' && t.symbol === 'BBB');
    db.prepare('UPDATE transactions SET date = ? WHERE id = ?').run('2023-02-01', late?.id);
    expect(years(db)).toEqual(['2021', '2022']);
    deleteTransaction(db, late?.id as number);
    expect(years(db)).toEqual(['2021', '2022']);
    warm(db);
    const first = listTransactions(db).find((t) => t.date === '2021-09-01');
    deleteTransaction(db, first?.id as number);
    expect(years(db)).toEqual([]);
  });

  it('an FX close drops its year on; one before its pair first close drops all; renaming an account drops all', () => {
    const db = ledger(7);
    warm(db);
    addCloses(db, [['GBPUSD=X', '2024-03-03', 1.3]]);
    expect(years(db)).toEqual(['2021', '2022', '2023']);
    warm(db);
    addCloses(db, [['GBPUSD=X', '2022-12-30', 1.2]]); // the new first close: earlier amounts convert at it
    expect(years(db)).toEqual([]);
    warm(db);
    db.prepare("UPDATE accounts SET name = 'broker2' WHERE name = 'broker'").run();
    expect(years(db)).toEqual([]);
  });

  it('an FX close written again with the same value drops nothing (a re-fetch of the same history)', () => {
    const db = ledger(7);
    warm(db);
    const rows = db.prepare("SELECT symbol, date, close FROM daily_closes WHERE symbol LIKE '%=X' AND close IS NOT NULL").raw().all() as [string, string, number][];
    expect(rows.length).toBeGreaterThan(0);
    addCloses(db, rows);
    expect(years(db)).toEqual(['2021', '2022', '2023', '2024']);
    // A manual close over it that says the same is no change either; one that differs is.
    const [symbol, date, value] = rows[0] as [string, string, number];
    db.prepare('UPDATE daily_closes SET manual_close = ? WHERE symbol = ? AND date = ?').run(value, symbol, date);
    expect(years(db)).toEqual(['2021', '2022', '2023', '2024']);
    db.prepare('UPDATE daily_closes SET manual_close = ? WHERE symbol = ? AND date = ?').run(value * 1.1, symbol, date);
    expect(years(db)).not.toEqual(['2021', '2022', '2023', '2024']);
  });

  it('the stored years are what the report reads (so the comparisons above test something)', () => {
    const db = ledger(7);
    const before = warm(db);
    db.prepare("UPDATE lot_replay SET sales = '[]' WHERE year = '2022'").run();
    const after = warm(db);
    expect(after.rows.length).toBeLessThan(before.rows.length);
    expect(after.rows.some((r) => r.date.startsWith('2022'))).toBe(false);
  });

  it('cost method, base currency and long-term months each have their own stored years', () => {
    const db = ledger(9);
    const reports = [
      () => gainsReport(db, { baseCurrency: 'USD', costMethod: 'fifo', longTermMonths: 12, to: '2024-12-31' }),
      () => gainsReport(db, { baseCurrency: 'USD', costMethod: 'avg', longTermMonths: 12, to: '2024-12-31' }),
      () => gainsReport(db, { baseCurrency: 'GBP', costMethod: 'fifo', longTermMonths: 12, to: '2024-12-31' }),
      () => gainsReport(db, { baseCurrency: 'USD', costMethod: 'fifo', longTermMonths: 24, to: '2024-12-31' }),
    ];
    const want = fresh(db, reports);
    for (const r of reports) r();
    expect(reports.map((r) => exact(r()))).toEqual(want);
    expect(replayYears(db, { ...KEY, baseCurrency: 'GBP' })).toHaveLength(4);
    expect(replayYears(db, { ...KEY, longTermMonths: 24 })).toHaveLength(4);
    expect(new Set(want).size).toBe(4);
  });
});
