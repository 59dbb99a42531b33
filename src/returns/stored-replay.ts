/**
 * The stored replay: the lot engine's state at each year end, kept in `lot_replay`
 * (src/store/lot-replay.ts) per cost method, base currency and long-term months, so that `gains`
 * for one year replays only that year's rows, and `income` only the rows after the last year end.
 *
 * A year's record holds the state at its end (every book and open lot, the ledger problems and FX
 * notes so far, the first lot row's date), that year's sales, and its rows that income counts
 * with the shares held at each dividend (amounts only: income converts them at today's FX table). Years are stored from the ledger's first year on, without gaps; triggers drop every
 * year from the one a change touches (a transaction's old and new dates, an FX close, an account
 * renamed), so the stored years stay a prefix of the ledger's years. Only complete years (ending on
 * or before the day asked for) are stored; a replay that converted at a latest FX rate stores
 * nothing. Records are written only if the ledger did not change while they were replayed, and
 * never wait for a lock. Continuing from a stored state gives the same numbers, bit for bit, as a
 * replay from the first row (src/core/lot-state.ts; held to it by test/returns/stored-replay.test.ts).
 */
import { decodeIncomeRows, decodeSales, decodeState, encodeIncomeRows, encodeSales, encodeState, type IncomeRow, type LotState } from '../core/lot-state.js';
import type { Transaction } from '../core/types.js';
import { LOT_TYPES, LotEngine, type LotSale } from '../core/lots.js';
import { busyTimeout, inTransaction, setBusyTimeout, type Db } from '../store/db.js';
import { replayEvents, replayState, replayYears, writeReplayYears, type ReplayKey, type StoredYear } from '../store/lot-replay.js';
import { ledgerStamp } from '../store/positions-cache.js';
import { eachTransaction, ledgerCurrencies } from '../store/transactions.js';
import type { FxTable } from '../ledger/fx-rates.js';

export type { ReplayKey } from '../store/lot-replay.js';

export interface Seed {
  /** The engine at the end of `through` (problems so far included); records every sale it makes from here on. */
  engine: LotEngine;
  /** YYYY-12-31 of the last year replayed, or null (the engine is empty: replay from the first row). */
  through: string | null;
  /** Date of the first lot row up to `through`. */
  first: string | null;
  /** Sales dated `salesFrom` or later, up to `through`, in ledger order (when asked for). */
  sales: LotSale[];
  /** The rows up to `through` that income counts, in ledger order (when asked for; see IncomeRow). */
  incomeRows: Transaction[];
  /** Shares of its symbol held at each of those dividends, by transaction id. */
  held: Map<number, number>;
  /**
   * Every currency of the rows replayed up to `through` and of the ledger's rows after it: what an
   * FX table must preload before a streamed replay (which can run no query of its own).
   */
  currencies: string[];
}

export interface SeedOptions {
  /** The replay goes up to this day (inclusive): years ending after it are neither used nor stored. */
  to: string;
  /** Sales from this date on are returned; undefined: none. */
  salesFrom?: string;
  income?: boolean;
  /** How long the write of new years may wait for the lock (default 0: a report never waits). */
  lockWaitMs?: number;
}

/** What a year's income rows hold (split and rename are lot rows too: they rescale income's history). */
export const INCOME_TYPES = ['dividend', 'interest', 'tax', 'tax_refund'];
const INCOME_ROW_TYPES = new Set([...INCOME_TYPES, 'split', 'rename']);
const LOT_AND_INCOME = [...LOT_TYPES, ...INCOME_TYPES];
const LOT_TYPE_SET = new Set<string>(LOT_TYPES);

/**
 * Runs `rest` on the engine seeded at the last complete year before `o.to` (replaying and storing
 * the years not stored yet), all in one read transaction: the seed and whatever `rest` reads come
 * from the same state of the database. `fx` converts the lot legs (its notes are seeded).
 */
export function withSeed<T>(db: Db, key: ReplayKey, fx: FxTable, o: SeedOptions, rest: (seed: Seed) => T): T {
  const lastYear = lastCompleteYear(o.to);
  let pending: StoredYear[] = [];
  let version: number | null = null;
  const result = inTransaction(db, () => {
    version = safe(() => ledgerStamp(db))?.version ?? null;
    const seed = loadSeed(db, key, fx, o, lastYear);
    const stored = seed.currencies;
    seed.currencies = [...new Set([...stored, ...ledgerCurrencies(db, seed.through ? { afterDate: seed.through } : {})])].sort();
    fx.preload(seed.currencies);
    pending = replayYearsTo(db, fx, seed, o, lastYear, stored);
    return rest(seed);
  });
  if (pending.length > 0 && version !== null && !fx.usedLatest()) {
    const timeout = busyTimeout(db);
    // Another process holding the write lock must not delay the report: skip, the next run stores.
    setBusyTimeout(db, o.lockWaitMs ?? 0);
    try {
      safe(() => writeReplayYears(db, key, version as number, pending));
    } finally {
      setBusyTimeout(db, timeout);
    }
  }
  return result;
}

/** The last year that ends on or before `to` (YYYY-MM-DD). */
function lastCompleteYear(to: string): number {
  return Number(to.slice(0, 4)) - (to.slice(5) === '12-31' ? 0 : 1);
}

/**
 * Replays and stores the complete years up to `to` that are not stored yet; does nothing when they
 * all are (src/returns/refresh-replays.ts: after a change to the ledger, before any report asks).
 */
export function storeYears(db: Db, key: ReplayKey, fx: FxTable, to: string, lockWaitMs = 0): void {
  const years = safe(() => replayYears(db, key)) ?? [];
  const lastYear = lastCompleteYear(to);
  if (Number(years[usableThrough(years, lastYear)]) === lastYear) return;
  withSeed(db, key, fx, { to, lockWaitMs }, () => undefined);
}

/**
 * The index of the last stored year a replay may continue from: years are usable from the first
 * one on while they follow without a gap, up to `lastYear`; -1 when none is.
 */
function usableThrough(years: readonly string[], lastYear: number): number {
  let last = -1;
  for (let i = 0; i < years.length && Number(years[i]) === Number(years[0]) + i && Number(years[i]) <= lastYear; i++) last = i;
  return last;
}

function newEngine(key: ReplayKey, fx: FxTable): LotEngine {
  return new LotEngine({ method: key.costMethod === 'fifo' ? 'fifo' : 'avg', rateAt: fx.rateAt, longTermMonths: key.longTermMonths });
}

/** The stored state of the last stored year up to `lastYear` (years stored without a gap from the first). */
function loadSeed(db: Db, key: ReplayKey, fx: FxTable, o: SeedOptions, lastYear: number): Seed {
  const seed: Seed = { engine: newEngine(key, fx), through: null, first: null, sales: [], incomeRows: [], held: new Map(), currencies: [] };
  const years = safe(() => replayYears(db, key)) ?? [];
  const last = usableThrough(years, lastYear);
  if (last < 0) return seed;
  const year = years[last] as string;
  const first = years[0] as string;
  // Everything is decoded before anything is used: a record that cannot be read means a full replay.
  const stored = safe(() => {
    const text = replayState(db, key, year);
    const state = text === null ? null : decodeState(text);
    if (!state) return null;
    const sales: LotSale[] = [];
    const incomeRows: Transaction[] = [];
    const held = new Map<number, number>();
    if (o.salesFrom !== undefined) {
      const from = o.salesFrom.slice(0, 4) > first ? o.salesFrom.slice(0, 4) : first;
      for (const t of replayEvents(db, key, 'sales', from, year)) decodeSales(t, sales, o.salesFrom);
    }
    if (o.income) for (const t of replayEvents(db, key, 'income', first, year)) decodeIncomeRows(t, incomeRows, held);
    return { state, sales, incomeRows, held };
  });
  if (!stored) return seed;
  seed.engine.importBooks(stored.state.books);
  seed.engine.problems.push(...stored.state.problems);
  fx.seedNotes(stored.state.fxNotes);
  return { ...seed, first: stored.state.first, through: `${year}-12-31`, sales: stored.sales, incomeRows: stored.incomeRows, held: stored.held, currencies: stored.state.currencies };
}

/**
 * Replays the complete years after the seed up to `lastYear`, moving the seed on to the end of
 * `lastYear`; returns their records for storing.
 */
function replayYearsTo(db: Db, fx: FxTable, seed: Seed, o: SeedOptions, lastYear: number, storedCurrencies: readonly string[]): StoredYear[] {
  const startYear = seed.through === null ? null : Number(seed.through.slice(0, 4)) + 1;
  if (startYear !== null && startYear > lastYear) return [];
  const engine = seed.engine;
  const out: StoredYear[] = [];
  let year = startYear; // the year being replayed; null until the first row (ledger without a seed)
  let income: IncomeRow[] = [];
  const currencies = new Set(storedCurrencies);
  const close = (y: number) => {
    const state: LotState = { first: seed.first, books: engine.exportBooks(), problems: engine.problems, fxNotes: fx.notes(), currencies: [...currencies].sort() };
    const sales = engine.sales.splice(0);
    for (const s of sales) if (o.salesFrom !== undefined && s.date >= o.salesFrom) seed.sales.push(s);
    if (o.income) {
      for (const r of income) {
        seed.incomeRows.push(r.tx);
        if (r.held !== null) seed.held.set(r.tx.id, r.held);
      }
    }
    out.push({ year: String(y), state: encodeState(state), sales: encodeSales(sales), income: encodeIncomeRows(income) });
    income = [];
    seed.through = `${y}-12-31`;
  };
  const end = `${lastYear}-12-31`;
  for (const tx of eachTransaction(db, { after: seed.through ?? undefined, to: end, types: LOT_AND_INCOME })) {
    const y = Number(tx.date.slice(0, 4));
    year ??= y;
    while (year < y) close(year++);
    currencies.add(tx.currency);
    if (INCOME_ROW_TYPES.has(tx.type)) income.push({ tx, held: tx.type === 'dividend' && tx.symbol ? engine.held(tx.symbol) : null });
    if (!LOT_TYPE_SET.has(tx.type)) continue;
    seed.first ??= tx.date;
    engine.apply(tx);
  }
  if (year !== null) while (year <= lastYear) close(year++);
  return out;
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
