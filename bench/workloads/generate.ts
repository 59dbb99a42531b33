/**
 * Generated workloads: N holdings bought over Y years, written straight into SQLite in one
 * transaction (the CLI would take minutes for millions of closes). Three states of the same ledger:
 *   - 'ledger': transactions only (a cold cache: what the first `warm` sees);
 *   - 'warm':   plus daily closes and history coverage up to the last closed day, FX, instruments,
 *               and quotes fetched `quoteAgeSeconds` before NOW (a cache someone warmed).
 * Every 20th symbol is a London line (GBp), every 20th+1 a Xetra line (EUR), so FX pairs exist.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dayToIso, isoToDay, isWeekend } from '../../src/core/dates.js';
import { symbolInfo, seededRandom } from '../../src/market/symbols.js';
import { openDb } from '../../src/store/db.js';

/** The benchmark's instant: a Wednesday after the US close (every market closed, last close settled). */
export const NOW = '2026-11-25T21:30:00.000Z';
export const TODAY = NOW.slice(0, 10);

export interface WorkloadSpec {
  name: string;
  holdings: number;
  years: number;
}

export interface Workload extends WorkloadSpec {
  dir: string;
  /** Transactions only. */
  ledgerDb: string;
  /** Transactions plus a warm cache (quotes fresh at NOW). */
  warmDb: string;
  symbols: string[];
  fxPairs: string[];
  transactions: number;
  closes: number;
}

export function symbolAt(i: number): string {
  const base = `W${String(i).padStart(4, '0')}`;
  if (i % 20 === 0) return `${base}.L`;
  if (i % 20 === 1) return `${base}.DE`;
  return base;
}

/** Price currency after minor-unit conversion (what the cache stores). */
function majorCurrency(symbol: string): string {
  const c = symbolInfo(symbol).currency;
  return c === 'GBp' ? 'GBP' : c;
}

export function generate(spec: WorkloadSpec, root: string): Workload {
  const dir = join(root, spec.name);
  mkdirSync(dir, { recursive: true });
  const ledgerDb = join(dir, 'ledger.db');
  const warmDb = join(dir, 'warm.db');
  const end = isoToDay(TODAY); // NOW is after every close: today's close is settled and cached
  const start = end - Math.round(spec.years * 365.25);
  const rnd = seededRandom(4242 + spec.holdings);
  const symbols = Array.from({ length: spec.holdings }, (_, i) => symbolAt(i));
  const fxPairs = ['EURUSD=X', 'GBPUSD=X'].filter((p) => symbols.some((s) => majorCurrency(s) === p.slice(0, 3)));

  // Closes: a seeded random walk on weekdays; FX pairs too.
  const walks = new Map<string, Map<number, number>>();
  const firstPrice = new Map<string, number>();
  for (const s of [...symbols, ...fxPairs]) {
    let p = s.endsWith('=X') ? (s.startsWith('GBP') ? 1.3 : 1.1) : 20 + rnd() * 200;
    const m = new Map<number, number>();
    for (let d = start; d <= end; d++) {
      if (isWeekend(d)) continue;
      p *= 1 + (rnd() - 0.4995) * (s.endsWith('=X') ? 0.006 : 0.03);
      m.set(d, Math.round(p * 10_000) / 10_000);
    }
    walks.set(s, m);
  }
  const priceOn = (s: string, d: number): number => {
    const m = walks.get(s) as Map<number, number>;
    for (let x = d; x >= start; x--) {
      const v = m.get(x);
      if (v !== undefined) return v;
    }
    return [...m.values()][0] as number;
  };

  const db = openDb(ledgerDb);
  const tx = db.prepare(
    `INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let transactions = 0;
  db.transaction(() => {
    db.prepare("INSERT INTO accounts (name) VALUES ('default'), ('isa')").run();
    const rows: [string, string, string | null, number | null, number | null, number | null, number, string, number][] = [];
    symbols.forEach((s, i) => {
      const cur = majorCurrency(s);
      const acct = i % 3 === 0 ? 2 : 1;
      let d = start + 1 + Math.floor(rnd() * 360);
      while (isWeekend(d)) d++;
      firstPrice.set(s, priceOn(s, d));
      rows.push([dayToIso(d), 'buy', s, 10 + (i % 40), priceOn(s, d), null, 1, cur, acct]);
      if (i % 5 === 0) {
        let d2 = d + 500 + Math.floor(rnd() * 800);
        while (isWeekend(d2)) d2++;
        if (d2 < end) rows.push([dayToIso(d2), 'buy', s, 5, priceOn(s, d2), null, 1, cur, acct]);
      }
      if (i % 10 === 3) {
        let d3 = d + 900;
        while (isWeekend(d3)) d3++;
        if (d3 < end) rows.push([dayToIso(d3), 'sell', s, 4, priceOn(s, d3), null, 1, cur, acct]);
      }
      if (i % 10 === 7) for (let y = d + 365; y < end; y += 365) rows.push([dayToIso(y), 'dividend', s, null, null, 2.5, 0, cur, acct]);
    });
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const r of rows) tx.run(...r);
    transactions = rows.length;
  })();
  db.close();

  if (existsSync(warmDb)) throw new Error(`${warmDb} exists`);
  copyFileSync(ledgerDb, warmDb);
  const w = openDb(warmDb);
  let closes = 0;
  const fetchedAt = new Date(Date.parse(NOW) - 60_000).toISOString();
  w.transaction(() => {
    const close = w.prepare(`INSERT INTO daily_closes (symbol, date, close, currency, source, fetched_at) VALUES (?, ?, ?, ?, 'yahoo', ?)`);
    const cov = w.prepare(`INSERT INTO history_coverage (symbol, from_date, to_date, fetched_at) VALUES (?, ?, ?, ?)`);
    const inst = w.prepare(`INSERT INTO instruments (symbol, name, currency, exchange, quote_type, exchange_timezone) VALUES (?, ?, ?, ?, ?, ?)`);
    const quote = w.prepare(`INSERT INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
      VALUES (?, ?, ?, ?, ?, ?, 'POST', ?, ?, 'yahoo')`);
    for (const s of [...symbols, ...fxPairs]) {
      const info = symbolInfo(s);
      const cur = majorCurrency(s);
      const m = walks.get(s) as Map<number, number>;
      for (const [d, c] of m) close.run(s, dayToIso(d), c, cur, fetchedAt);
      closes += m.size;
      cov.run(s, dayToIso(start), dayToIso(end), fetchedAt);
      inst.run(s, `${s} Holdings plc`, cur, info.exchange, info.quoteType, info.timezone);
      const last = priceOn(s, end);
      quote.run(s, last, priceOn(s, end - 1), cur, `${s} Holdings plc`, new Date(Date.parse(NOW) - 30 * 60_000).toISOString(), info.timezone, fetchedAt);
    }
  })();
  w.pragma('wal_checkpoint(TRUNCATE)');
  w.close();
  return { ...spec, dir, ledgerDb, warmDb, symbols, fxPairs, transactions, closes };
}

/** A private copy of one state of the workload for one measurement (runs must not see each other's writes). */
export function copyDb(src: string, dir: string, name: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dest = join(dir, name);
  copyFileSync(src, dest);
  return dest;
}
