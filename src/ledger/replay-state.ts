/**
 * A holdings replay's state as text, so that a later replay can resume it with the transactions
 * appended since (src/ledger/positions-snapshot.ts) instead of reading the whole ledger again.
 * Everything the next transaction can touch is kept, Maps in their insertion order (the order
 * sums are made in and positions are listed in), so a resumed replay adds up exactly as a full
 * one. The open lots (one per buy still held: 100,000s) go as raw doubles after a JSON header, which
 * reads and writes about ten times faster than JSON; numbers in the header that JSON cannot hold
 * (NaN, ±Infinity, -0) travel as strings.
 */
import { decodeNumber, encodeNumber, type JsonNumber } from '../base/json-number.js';
import { newHoldingsState, replayRate, type HoldingsState, type Position, type ReplayOptions } from '../core/holdings.js';
import { LotEngine, type Book, type OpenLot } from '../core/lots.js';

/** Where a stored state stands: the ledger it replayed and what its FX conversions depended on. */
export interface ReplayMark {
  /** Its highest transaction id, latest date and number of transactions. */
  maxId: number;
  lastDate: string;
  count: number;
  /** The replay rules it was made under (positions-snapshot.ts). */
  rules: number;
  /** `ledger_state.version` when it was made; fxQuoteVersion only when it converted at a latest FX rate. */
  version: number;
  fxQuoteVersion: number | null;
  /** The FX notes its replay made, in order. */
  fxNotes: [string, string][];
}

type N = JsonNumber;
const enc = encodeNumber;
const dec = decodeNumber;

/** symbol, currency, quantity, cost, costBase, realized, realizedBase, dividends, dividendsBase, fees, feesBase, taxes, taxesBase, firstDate, accounts */
type PositionRow = [string, string, N, N, N, N, N, N, N, N, N, N, N, string, [string, N][]];
/** symbol, currency, quantity, cost, costBase, number of lots */
type BookRow = [string, string, N, N, N, number];

interface Stored {
  mark: ReplayMark;
  positions: PositionRow[];
  books: [string, BookRow[]][];
  cash: [string, [string, N][]][];
  tracksCash: string[];
  totals: [N, N, N, N];
  unconverted: string[];
  problems: [number, string, string | null, string][];
  /** The lots' acquisition dates, by index. */
  dates: string[];
}

/** The state (before `finishHoldings`, which adds costs to its positions) as bytes. */
export function encodeReplayState(state: HoldingsState, mark: ReplayMark): Buffer {
  const positions: PositionRow[] = [];
  for (const p of state.positions.values()) {
    const accounts: [string, N][] = [...p.accounts].map(([a, q]) => [a, enc(q)]);
    positions.push([p.symbol, p.currency, enc(p.quantity), enc(p.cost), enc(p.costBase), enc(p.realized), enc(p.realizedBase), enc(p.dividends), enc(p.dividendsBase), enc(p.fees), enc(p.feesBase), enc(p.taxes), enc(p.taxesBase), p.firstDate, accounts]);
  }
  // Lots: four doubles each (index of the acquisition date, quantity, cost, costBase), book after book.
  const dates = new Map<string, number>();
  const all = state.lots.exportBooks();
  let lotCount = 0;
  const books = all.map(([account, bs]): [string, BookRow[]] => [
    account,
    bs.map((b): BookRow => {
      for (const l of b.lots) if (!dates.has(l.acquired)) dates.set(l.acquired, dates.size);
      lotCount += b.lots.length;
      return [b.symbol, b.currency, enc(b.quantity), enc(b.cost), enc(b.costBase), b.lots.length];
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
    dates: [...dates.keys()],
  };
  const header = Buffer.from(JSON.stringify(stored));
  const out = Buffer.allocUnsafe(4 + header.length + lotCount * 32);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let at = 4 + header.length;
  for (const [, bs] of all) {
    for (const b of bs) {
      for (const l of b.lots) {
        view.setFloat64(at, dates.get(l.acquired) as number, true);
        view.setFloat64(at + 8, l.quantity, true);
        view.setFloat64(at + 16, l.cost, true);
        view.setFloat64(at + 24, l.costBase, true);
        at += 32;
      }
    }
  }
  return out;
}

/** The state stored by `encodeReplayState`, its lot engine converting with `options`; null when unreadable. */
export function decodeReplayState(bytes: Buffer, options: ReplayOptions): { state: HoldingsState; mark: ReplayMark } | null {
  let s: Stored;
  try {
    s = JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0))) as Stored;
  } catch {
    return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 4 + bytes.readUInt32LE(0);
  const m = s?.mark;
  if (!m || typeof m.maxId !== 'number' || typeof m.lastDate !== 'string' || typeof m.count !== 'number' || typeof m.rules !== 'number' || typeof m.version !== 'number' || !Array.isArray(m.fxNotes)) return null;
  let lots = 0;
  for (const [, rows] of s.books) for (const r of rows) lots += r[5];
  if (at + lots * 32 !== bytes.length) return null; // cut short or padded: not what was written
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
    rows.map(([symbol, currency, quantity, cost, costBase, count]): Book => {
      const b = new StoredBook(account, symbol, currency, dec(quantity), dec(cost), dec(costBase), view, at, count, s.dates);
      at += count * 32;
      return b;
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

/**
 * A book whose lots are read from the bytes when first used: a resumed replay touches the books of
 * the few symbols its new rows name, and 100,000s of lot objects it would never read are not made.
 */
class StoredBook implements Book {
  private read: OpenLot[] | null = null;

  constructor(
    readonly account: string,
    readonly symbol: string,
    readonly currency: string,
    public quantity: number,
    public cost: number,
    public costBase: number,
    private readonly view: DataView,
    private readonly at: number,
    private readonly count: number,
    private readonly dates: readonly string[],
  ) {}

  get lots(): OpenLot[] {
    if (this.read) return this.read;
    const lots = new Array<OpenLot>(this.count);
    const { view, dates } = this;
    for (let i = 0, o = this.at; i < this.count; i++, o += 32) {
      lots[i] = { acquired: dates[view.getFloat64(o, true)] as string, quantity: view.getFloat64(o + 8, true), cost: view.getFloat64(o + 16, true), costBase: view.getFloat64(o + 24, true) };
    }
    return (this.read = lots);
  }

  set lots(lots: OpenLot[]) {
    this.read = lots;
  }
}
