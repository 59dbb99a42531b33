/**
 * A holdings replay's state as text, so that a later replay can resume it with the transactions
 * appended since (src/ledger/positions-snapshot.ts) instead of reading the whole ledger again.
 * Everything the next transaction can touch is kept, Maps in their insertion order (the order
 * sums are made in and positions are listed in), so a resumed replay adds up exactly as a full
 * one. Numbers JSON cannot hold (NaN, ±Infinity, -0) travel as strings.
 */
import { newHoldingsState, replayRate, type HoldingsState, type Position, type ReplayOptions } from '../core/holdings.js';
import { LotEngine, type Book, type OpenLot } from '../core/lots.js';

/** Where a stored state stands in the ledger (its highest transaction id, latest date, number of rows) and the replay rules it was made under. */
export interface ReplayMark {
  maxId: number;
  lastDate: string;
  count: number;
  rules: number;
}

type N = number | string;
const enc = (v: number): N => (Number.isFinite(v) && !Object.is(v, -0) ? v : String(v));
const dec = (v: N): number => (typeof v === 'number' ? v : Number(v));

/** symbol, currency, quantity, cost, costBase, realized, realizedBase, dividends, dividendsBase, fees, feesBase, taxes, taxesBase, firstDate, accounts */
type PositionRow = [string, string, N, N, N, N, N, N, N, N, N, N, N, string, [string, N][]];
type BookRow = [string, string, N, N, N, (string | N)[]];

interface Stored {
  mark: ReplayMark;
  positions: PositionRow[];
  books: [string, BookRow[]][];
  cash: [string, [string, N][]][];
  tracksCash: string[];
  totals: [N, N, N, N];
  unconverted: string[];
  problems: [number, string, string | null, string][];
}

/** The state (before `finishHoldings`, which adds costs to its positions) as text. */
export function encodeReplayState(state: HoldingsState, mark: ReplayMark): string {
  const positions: PositionRow[] = [];
  for (const p of state.positions.values()) {
    const accounts: [string, N][] = [...p.accounts].map(([a, q]) => [a, enc(q)]);
    positions.push([p.symbol, p.currency, enc(p.quantity), enc(p.cost), enc(p.costBase), enc(p.realized), enc(p.realizedBase), enc(p.dividends), enc(p.dividendsBase), enc(p.fees), enc(p.feesBase), enc(p.taxes), enc(p.taxesBase), p.firstDate, accounts]);
  }
  const books = state.lots.exportBooks().map(([account, bs]): [string, BookRow[]] => [
    account,
    bs.map((b): BookRow => {
      const lots: (string | N)[] = [];
      for (const l of b.lots) lots.push(l.acquired, enc(l.quantity), enc(l.cost), enc(l.costBase));
      return [b.symbol, b.currency, enc(b.quantity), enc(b.cost), enc(b.costBase), lots];
    }),
  ]);
  const stored: Stored = {
    mark,
    positions,
    books,
    cash: [...state.cashBy].map(([account, m]) => [account, [...m].map(([c, amount]): [string, N] => [c, enc(amount)])]),
    tracksCash: [...state.tracksCash],
    totals: [enc(state.dividendsBase), enc(state.interestBase), enc(state.feesBase), enc(state.taxesBase)],
    unconverted: [...state.unconverted],
    problems: state.problems.map((p) => [p.txId, p.date, p.symbol, p.message]),
  };
  return JSON.stringify(stored);
}

/** The state stored by `encodeReplayState`, its lot engine converting with `options`; null when unreadable. */
export function decodeReplayState(text: string, options: ReplayOptions): { state: HoldingsState; mark: ReplayMark } | null {
  let s: Stored;
  try {
    s = JSON.parse(text) as Stored;
  } catch {
    return null;
  }
  if (!s || typeof s.mark?.maxId !== 'number' || typeof s.mark.lastDate !== 'string' || typeof s.mark.count !== 'number' || typeof s.mark.rules !== 'number') return null;
  const state = newHoldingsState(options);
  for (const r of s.positions) {
    const p: Position = {
      symbol: r[0],
      currency: r[1],
      quantity: dec(r[2]),
      lots: [],
      cost: dec(r[3]),
      costBase: dec(r[4]),
      realized: dec(r[5]),
      realizedBase: dec(r[6]),
      dividends: dec(r[7]),
      dividendsBase: dec(r[8]),
      fees: dec(r[9]),
      feesBase: dec(r[10]),
      firstDate: r[13],
      taxes: dec(r[11]),
      taxesBase: dec(r[12]),
      accounts: new Map(r[14].map(([a, q]) => [a, dec(q)])),
    };
    state.positions.set(p.symbol, p);
  }
  const books = s.books.map(([account, rows]): [string, Book[]] => [
    account,
    rows.map(([symbol, currency, quantity, cost, costBase, flat]): Book => {
      const lots: OpenLot[] = [];
      for (let i = 0; i < flat.length; i += 4) lots.push({ acquired: flat[i] as string, quantity: dec(flat[i + 1] as N), cost: dec(flat[i + 2] as N), costBase: dec(flat[i + 3] as N) });
      return { account, symbol, currency, lots, quantity: dec(quantity), cost: dec(cost), costBase: dec(costBase) };
    }),
  ]);
  state.lots = new LotEngine({ method: options.costMethod ?? 'avg', rateAt: replayRate(options), books });
  for (const [account, amounts] of s.cash) state.cashBy.set(account, new Map(amounts.map(([c, a]) => [c, dec(a)])));
  for (const a of s.tracksCash) state.tracksCash.add(a);
  [state.dividendsBase, state.interestBase, state.feesBase, state.taxesBase] = s.totals.map(dec) as [number, number, number, number];
  for (const c of s.unconverted) state.unconverted.add(c);
  for (const [txId, date, symbol, message] of s.problems) state.problems.push({ txId, date, symbol, message });
  return { state, mark: s.mark };
}
