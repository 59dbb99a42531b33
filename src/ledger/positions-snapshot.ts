/**
 * The ledger's replay, summed up for the holdings report and stored in `positions_cache`, so that
 * the dashboard's first frame reads one row instead of every transaction. A snapshot is keyed on
 * cost method and base currency and stamped with `ledger_state.version` (bumped by triggers on
 * transactions and FX closes, src/store/migrations.ts); one that converted at a latest FX rate is
 * also stamped with `fx_quote_version`. A stale or unreadable snapshot is simply replayed again:
 * the cache can make the report faster, never different.
 */
import { computeHoldings, type CostMethod, type HoldingsResult } from '../core/holdings.js';
import { busyTimeout, inTransaction, setBusyTimeout, type Db } from '../store/db.js';
import { ledgerStamp, readPositionsSnapshot, writePositionsSnapshot, type LedgerStamp as Stamp } from '../store/positions-cache.js';
import { eachTransaction, hasTransactionsAfter, ledgerCurrencies } from '../store/transactions.js';
import type { FxTable } from './fx-rates.js';
import { replayWithState, resumeReplay, type StatefulReplay } from './replay-resume.js';

export interface OpenPosition {
  symbol: string;
  currency: string;
  quantity: number;
  /** Local currency, fees included. */
  cost: number;
  costBase: number;
  realizedBase: number;
  dividendsBase: number;
  accounts: { account: string; quantity: number }[];
}

/** What the holdings report needs from a replay of the whole ledger. */
export interface LedgerSummary {
  /** Positions still held, in replay order. */
  positions: OpenPosition[];
  /** Realized gains of every position, open or closed (finite ones, in replay order). */
  realizedBase: number;
  dividendsBase: number;
  interestBase: number;
  feesBase: number;
  /** Tax paid less tax refunded. */
  taxesBase: number;
  cash: { account: string; currency: string; amount: number }[];
  /** Ledger problems as warning lines. */
  problems: string[];
  /** FX notes the replay made, by currency, in order. */
  fxNotes: [string, string][];
}

/** Replays the ledger with `fx` (which it fills with the replay's FX notes). */
export function replayLedger(db: Db, costMethod: CostMethod, base: string, fx: FxTable, through?: string): LedgerSummary {
  // Streamed row by row (each row is garbage once applied: no 100,000-row array to read and then
  // collect); a streamed replay can run no query of its own, so FX is read before it starts.
  fx.preload(ledgerCurrencies(db));
  return summarize(computeHoldings(eachTransaction(db, through ? { to: through } : {}), { costMethod, baseCurrency: base, rateAt: fx.rateAt }), fx);
}

function summarize(result: HoldingsResult, fx: FxTable): LedgerSummary {
  const positions: OpenPosition[] = [];
  let realizedBase = 0;
  for (const p of result.positions.values()) {
    if (Number.isFinite(p.realizedBase)) realizedBase += p.realizedBase;
    if (p.quantity <= 0) continue;
    positions.push({
      symbol: p.symbol,
      currency: p.currency,
      quantity: p.quantity,
      cost: p.cost,
      costBase: p.costBase,
      realizedBase: p.realizedBase,
      dividendsBase: p.dividendsBase,
      accounts: [...p.accounts].filter(([, q]) => q !== 0).map(([account, quantity]) => ({ account, quantity })),
    });
  }
  return {
    positions,
    realizedBase,
    dividendsBase: result.dividendsBase,
    interestBase: result.interestBase,
    feesBase: result.feesBase,
    taxesBase: result.taxesBase,
    cash: result.cash,
    problems: result.problems.map((p) => `ledger: #${p.txId} ${p.message}`),
    fxNotes: fx.notes(),
  };
}

/**
 * The ledger summary from a valid snapshot (its FX notes seeded into `fx`), else from a replay,
 * stored for next time when the database lets us write at once. Never waits for a lock, unless
 * `lockWaitMs` says so (the refresh on a worker thread, which no one waits for).
 */
export function ledgerSummary(db: Db, costMethod: CostMethod, base: string, fx: FxTable, today?: string, lockWaitMs = 0): LedgerSummary {
  // Future-dated transactions count from their date: as of today they are left out, and such a
  // replay depends on the day, so it is neither read from nor stored in the snapshot.
  if (today && hasTransactionsAfter(db, today)) {
    return inTransaction(db, () => replayLedger(db, costMethod, base, fx, today));
  }
  // One read transaction: the stamp and everything replayed come from the same state of the file.
  let stamp: Stamp | null = null;
  let cached: LedgerSummary | null = null;
  const replayed = inTransaction(db, (): StatefulReplay | null => {
    stamp = safe(() => ledgerStamp(db));
    cached = stamp && safe(() => readSnapshot(db, costMethod, base, stamp as Stamp));
    if (cached) return null;
    // Rows only appended since the stored replay state (an import, an add): replay them alone.
    return (stamp && safe(() => resumeReplay(db, costMethod, base, fx, stamp as Stamp, REPLAY_RULES))) ?? replayWithState(db, costMethod, base, fx, stamp, REPLAY_RULES);
  });
  if (cached) {
    fx.seedNotes((cached as LedgerSummary).fxNotes);
    return cached;
  }
  const { result, state, usedLatest } = replayed as StatefulReplay;
  const summary = summarize(result, fx);
  if (stamp) safe(() => writeSnapshot(db, costMethod, base, summary, stamp as Stamp, usedLatest, state, lockWaitMs));
  return summary;
}

/** The stored summary when it is still valid, else null (also for tests and diagnostics). */
export function storedSummary(db: Db, costMethod: CostMethod, base: string): LedgerSummary | null {
  const stamp = safe(() => ledgerStamp(db));
  return stamp && safe(() => readSnapshot(db, costMethod, base, stamp));
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

function readSnapshot(db: Db, costMethod: CostMethod, base: string, stamp: Stamp): LedgerSummary | null {
  const row = readPositionsSnapshot(db, costMethod, base);
  if (!row || row.version !== stamp.version || (row.fxQuoteVersion !== null && row.fxQuoteVersion !== stamp.fxQuoteVersion)) return null;
  return decode(row.snapshot);
}

/**
 * Bumped when the replay's arithmetic changes, so a snapshot stored by an older version is replayed
 * again rather than served (2: cost and realized gains from the lot engine, per account).
 */
export const REPLAY_RULES = 2;

function writeSnapshot(db: Db, costMethod: CostMethod, base: string, summary: LedgerSummary, stamp: Stamp, usedLatest: boolean, state: Buffer | 'keep' | null, lockWaitMs: number): void {
  const timeout = busyTimeout(db);
  // Another process holding the write lock (a warm, an import) must not delay the first frame:
  // skip the write, the next launch stores it.
  setBusyTimeout(db, lockWaitMs);
  try {
    // Written only if nothing changed since the replay read the ledger.
    writePositionsSnapshot(db, costMethod, base, stamp, usedLatest, encode(summary), state);
  } finally {
    setBusyTimeout(db, timeout);
  }
}

// JSON has no NaN or Infinity (an amount without an FX rate is NaN): they travel as strings.
function encode(summary: LedgerSummary): string {
  return JSON.stringify({ ...summary, rules: REPLAY_RULES }, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

function decode(text: string): LedgerSummary | null {
  const { rules, ...s } = JSON.parse(text) as LedgerSummary & { rules?: number };
  if (rules !== REPLAY_RULES) return null;
  for (const p of s.positions) {
    p.quantity = num(p.quantity);
    for (const a of p.accounts) a.quantity = num(a.quantity);
    p.cost = num(p.cost);
    p.costBase = num(p.costBase);
    p.realizedBase = num(p.realizedBase);
    p.dividendsBase = num(p.dividendsBase);
  }
  for (const c of s.cash) c.amount = num(c.amount);
  s.realizedBase = num(s.realizedBase);
  s.dividendsBase = num(s.dividendsBase);
  s.interestBase = num(s.interestBase);
  s.feesBase = num(s.feesBase);
  s.taxesBase = num(s.taxesBase ?? 0);
  return s;
}
