/**
 * last_closes (migration 2) against the truth: after any mix of writes to daily_closes, each
 * symbol's row must equal its two newest effective closes computed from scratch.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { setManualCloses } from '../../src/store/prices.js';
import { storeHistory } from '../../src/store/quote-cache.js';
import { seededRandom } from '../../src/market/symbols.js';
import { tempDir } from '../helpers/tmp.js';

interface Slot {
  symbol: string;
  date: string;
  close: number;
  manual: number;
  currency: string | null;
  prev_date: string | null;
  prev_close: number | null;
}

/** The two newest effective closes per symbol, computed in JS from every row. */
function expected(db: Db): Slot[] {
  const rows = db
    .prepare('SELECT symbol, date, close, manual_close, currency FROM daily_closes ORDER BY symbol, date DESC')
    .all() as { symbol: string; date: string; close: number | null; manual_close: number | null; currency: string | null }[];
  const out = new Map<string, Slot>();
  for (const r of rows) {
    const eff = r.manual_close ?? r.close;
    if (eff === null) continue;
    const slot = out.get(r.symbol);
    if (!slot) out.set(r.symbol, { symbol: r.symbol, date: r.date, close: eff, manual: r.manual_close !== null ? 1 : 0, currency: r.currency, prev_date: null, prev_close: null });
    else if (slot.prev_date === null) {
      slot.prev_date = r.date;
      slot.prev_close = eff;
    }
  }
  return [...out.values()];
}

const actual = (db: Db): Slot[] => db.prepare('SELECT symbol, date, close, manual, currency, prev_date, prev_close FROM last_closes ORDER BY symbol').all() as Slot[];

const day = (n: number): string => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('last_closes', () => {
  it('follows inserts in any order, replaces, upserts, manual closes, nulls, deletes and renames', () => {
    const db = openDb(join(tempDir(), 'p.db'));
    const rnd = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const symbols = ['AAA', 'BBB', 'CCC', 'EURUSD=X'];
    const insert = db.prepare('INSERT OR IGNORE INTO daily_closes (symbol, date, close, currency, source) VALUES (?, ?, ?, ?, ?)');
    const replace = db.prepare('INSERT OR REPLACE INTO daily_closes (symbol, date, close, manual_close, currency, source) VALUES (?, ?, ?, ?, ?, ?)');
    const ops: Record<string, () => void> = {
      ascending: () => {
        const s = pick(symbols);
        const from = Math.floor(rnd() * 60);
        db.transaction(() => {
          for (let d = from; d < from + 10; d++) insert.run(s, day(d), 100 + d, 'USD', 'yahoo');
        })();
      },
      descending: () => {
        const s = pick(symbols);
        const from = Math.floor(rnd() * 60);
        for (let d = from + 10; d > from; d--) insert.run(s, day(d), 200 + d, 'USD', 'yahoo');
      },
      history: () => {
        // the real writer: an upsert over a range, rows new and old
        const s = pick(symbols);
        const from = Math.floor(rnd() * 60);
        const closes = Array.from({ length: 5 }, (_, i) => ({ date: day(from + i), close: Math.round(rnd() * 1000) / 10 }));
        storeHistory(db, { symbol: s, currency: pick(['USD', 'EUR']), bars: closes, dividends: [], splits: [] }, { from: day(from), to: day(from + 4) }, 'yahoo', new Date('2026-11-28T12:00:00Z'));
      },
      replace: () => {
        const s = pick(symbols);
        const manual = rnd() < 0.3 ? 7 : null;
        const close = rnd() < 0.2 ? null : Math.round(rnd() * 100);
        replace.run(s, day(Math.floor(rnd() * 70)), close, manual, pick(['USD', 'GBP']), 'x');
      },
      manual: () => setManualCloses(db, [{ symbol: pick(symbols), date: day(Math.floor(rnd() * 72)), close: Math.round(rnd() * 50) + 1 }]),
      unsetManual: () => db.prepare('UPDATE daily_closes SET manual_close = NULL WHERE symbol = ? AND manual_close IS NOT NULL').run(pick(symbols)),
      nullNewest: () =>
        db.prepare('UPDATE daily_closes SET close = NULL WHERE symbol = @s AND date = (SELECT max(date) FROM daily_closes WHERE symbol = @s)').run({ s: pick(symbols) }),
      deleteNewest: () =>
        db.prepare('DELETE FROM daily_closes WHERE symbol = @s AND date = (SELECT max(date) FROM daily_closes WHERE symbol = @s)').run({ s: pick(symbols) }),
      deleteSome: () => db.prepare('DELETE FROM daily_closes WHERE symbol = ? AND date >= ? AND date < ?').run(pick(symbols), day(20), day(40)),
      deleteSymbol: () => db.prepare('DELETE FROM daily_closes WHERE symbol = ?').run(pick(symbols)),
      rename: () => {
        const [a, b] = [pick(symbols), pick(symbols)];
        db.prepare('UPDATE OR IGNORE daily_closes SET symbol = ? WHERE symbol = ? AND date > ?').run(b, a, day(Math.floor(rnd() * 70)));
      },
      redate: () => db.prepare('UPDATE OR IGNORE daily_closes SET date = ? WHERE symbol = ? AND date = ?').run(day(Math.floor(rnd() * 80)), pick(symbols), day(Math.floor(rnd() * 70))),
    };
    const names = Object.keys(ops);
    const seen = new Set<string>();
    for (let step = 0; step < 600; step++) {
      const name = pick(names);
      (ops[name] as () => void)();
      seen.add(name);
      expect(actual(db), `after step ${step} (${name})`).toEqual(expected(db));
    }
    expect(seen.size).toBe(names.length);
    // the walk exercised real states: symbols with two closes, with manual ones
    expect(actual(db).length).toBeGreaterThan(0);
    db.close();
  });

  it('is filled from existing closes when a database written before it is opened', () => {
    const path = join(tempDir(), 'old.db');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0] as string);
    raw.pragma('user_version = 1');
    const ins = raw.prepare('INSERT INTO daily_closes (symbol, date, close, manual_close, currency, source) VALUES (?, ?, ?, ?, ?, ?)');
    for (let d = 0; d < 30; d++) ins.run('AAA', day(d), 10 + d, null, 'USD', 'yahoo');
    ins.run('AAA', day(30), null, null, 'USD', 'yahoo'); // a day without a close: skipped
    ins.run('BBB', day(3), 5, 6, 'EUR', 'manual'); // one close, a manual one
    ins.run('CCC', day(3), null, null, 'EUR', 'yahoo'); // no close at all: no row
    raw.close();
    const db = openDb(path);
    expect(actual(db)).toEqual([
      { symbol: 'AAA', date: day(29), close: 39, manual: 0, currency: 'USD', prev_date: day(28), prev_close: 38 },
      { symbol: 'BBB', date: day(3), close: 6, manual: 1, currency: 'EUR', prev_date: null, prev_close: null },
    ]);
    expect(actual(db)).toEqual(expected(db));
    db.close();
  });
});
