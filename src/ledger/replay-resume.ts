/**
 * The holdings replay behind the positions snapshot, keeping its state (replay-state.ts) so that
 * the next replay after an import or an `add` reads only the rows appended since instead of the
 * whole ledger. The result is the full replay's to the last bit: a state is resumed only when the
 * rows added since are all it is missing, else the ledger is replayed again.
 */
import { finishHoldings, newHoldingsState, replayHoldings, type CostMethod, type HoldingsResult, type ReplayOptions } from '../core/holdings.js';
import type { Db } from '../store/db.js';
import { readReplayState, type LedgerStamp as Stamp } from '../store/positions-cache.js';
import { eachTransaction, ledgerCurrencies, ledgerEnd, transactionsAfterId } from '../store/transactions.js';
import type { FxTable } from './fx-rates.js';
import { decodeReplayState, encodeReplayState } from './replay-state.js';

export interface StatefulReplay {
  /** Positions without their lots (the summary shows none). */
  result: HoldingsResult;
  /** The state to store; 'keep': the stored one stays (it was resumed with few rows). */
  state: Buffer | 'keep' | null;
  /** The replay converted at a latest FX rate. */
  usedLatest: boolean;
}

/** A resumed state is stored again only once this many rows were added since it was made. */
const REWRITE_AFTER = 2000;

/** The whole ledger replayed with `fx` (FX read first: a streamed replay can run no query of its own). */
export function replayWithState(db: Db, costMethod: CostMethod, base: string, fx: FxTable, stamp: Stamp | null, rules: number): StatefulReplay {
  fx.preload(ledgerCurrencies(db));
  const options: ReplayOptions = { costMethod, baseCurrency: base, rateAt: fx.rateAt };
  const state = newHoldingsState(options);
  replayHoldings(state, eachTransaction(db), options);
  const end = ledgerEnd(db);
  const usedLatest = fx.usedLatest();
  const bytes = end && stamp ? encodeReplayState(state, { ...end, rules, version: stamp.version, fxQuoteVersion: usedLatest ? stamp.fxQuoteVersion : null, fxNotes: fx.notes() }) : null;
  return { result: finishHoldings(state, costMethod, false), state: bytes, usedLatest };
}

/**
 * The stored state resumed with the transactions inserted since it was made, or null when that
 * would not give a full replay's result: the ledger changed otherwise (each insert, update or
 * delete of a transaction and each FX close change bumps the version by one, so the version moved
 * by exactly the number of new rows, and the row count with them, only when inserting them was all
 * that happened), a new row dates before the state's last one, FX quotes it converted at moved,
 * the replay rules changed, or it is unreadable.
 */
export function resumeReplay(db: Db, costMethod: CostMethod, base: string, fx: FxTable, stamp: Stamp, rules: number): StatefulReplay | null {
  const bytes = readReplayState(db, costMethod, base);
  const options: ReplayOptions = { costMethod, baseCurrency: base, rateAt: fx.rateAt };
  const stored = bytes && decodeReplayState(bytes, options);
  if (!stored) return null;
  const { mark, state } = stored;
  if (mark.rules !== rules || (mark.fxQuoteVersion !== null && mark.fxQuoteVersion !== stamp.fxQuoteVersion)) return null;
  const added = transactionsAfterId(db, mark.maxId);
  if (stamp.version - mark.version !== added.count || added.total !== mark.count + added.count) return null;
  if (added.minDate !== null && added.minDate < mark.lastDate) return null;
  // The stored replay's FX notes first, as a full replay makes them before the new rows' notes.
  fx.seedNotes(mark.fxNotes);
  if (added.count > 0) {
    fx.preload(ledgerCurrencies(db, { afterId: mark.maxId }));
    replayHoldings(state, eachTransaction(db, { afterId: mark.maxId }), options);
  }
  const usedLatest = mark.fxQuoteVersion !== null || fx.usedLatest();
  let next: Buffer | 'keep' = 'keep';
  if (added.count > REWRITE_AFTER && added.maxId !== null && added.maxDate !== null) {
    const fxQuoteVersion = usedLatest ? stamp.fxQuoteVersion : null;
    next = encodeReplayState(state, { maxId: added.maxId, lastDate: added.maxDate, count: added.total, rules, version: stamp.version, fxQuoteVersion, fxNotes: fx.notes() });
  }
  return { result: finishHoldings(state, costMethod, false), state: next, usedLatest };
}
