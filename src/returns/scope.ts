/**
 * One scope's daily series (the whole portfolio, an account or a symbol) from its transactions,
 * following the contract's two account rules:
 * - tracks cash (any deposit/withdrawal): value = holdings + cash; flows = deposits in, withdrawals out;
 * - no cash: value = holdings; flows = buys in (cost + fee), sells out (proceeds - fee),
 *   dividends and interest out, fees in.
 * Every transaction has a cash effect in its currency; without cash tracking a negative effect is
 * money coming in from outside (at the start of its day) and a positive one money leaving (at its end).
 */
import { movesShares, nextQuantity } from '../core/quantities.js';
import { perShareAfterSplit } from '../core/split-ratio.js';
import { cashEffect } from '../core/tx-types.js';
import type { Transaction } from '../core/types.js';
import { accumulate } from '../core/value-series.js';
import type { PriceBook } from './price-book.js';
import { moveDeltas, transferCash } from './scope-moves.js';

export interface ScopeSeries {
  value: Float64Array;
  inflow: Float64Array;
  outflow: Float64Array;
  dividends: Float64Array;
  interest: Float64Array;
  fees: Float64Array;
  /** Tax paid less tax refunded. */
  taxes: Float64Array;
}

export function emptySeries(length: number): ScopeSeries {
  return {
    value: new Float64Array(length),
    inflow: new Float64Array(length),
    outflow: new Float64Array(length),
    dividends: new Float64Array(length),
    interest: new Float64Array(length),
    fees: new Float64Array(length),
    taxes: new Float64Array(length),
  };
}

/** Adds b into a, element-wise, for every array. */
export function addInto(a: ScopeSeries, b: ScopeSeries): void {
  for (const k of ['value', 'inflow', 'outflow', 'dividends', 'interest', 'fees', 'taxes'] as const) {
    const x = a[k];
    const y = b[k];
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] as number);
  }
}

export { cashEffect } from '../core/tx-types.js';

/** [quantity, first index, last index, fallback price] of one stretch with an unchanged quantity. */
type Segment = [number, number, number, number];

interface Position {
  qty: number;
  since: number;
  segments: Segment[];
  /** Last trade price in its currency: the fallback value before any close exists. */
  tradePrice: number;
  currency: string;
}

/** Computes a scope's series over the book's window. `txs` must be in ledger order. */
/** `moveFlows`: count transfers, renames and spin-offs as flows at their value (an account's or a symbol's scope). */
export function computeScope(txs: readonly Transaction[], tracksCash: boolean, book: PriceBook, moveFlows = false): ScopeSeries {
  const n = book.length;
  const s = emptySeries(n);
  const positions = new Map<string, Position>();
  const cash = new Map<string, { amount: number; since: number; segments: Segment[] }>();

  // Stretches are recorded first and summed at the end, position by position, so each day's value
  // adds up in the same order however far the window reaches (a cached series and a fresh one
  // agree to the last bit).
  const flushPosition = (symbol: string, p: Position, upTo: number) => {
    if (p.qty !== 0 && upTo >= p.since) {
      p.segments.push([p.qty, p.since, upTo, p.tradePrice * book.rate(p.currency, p.since)]);
      book.checkHeld(symbol, p.since, upTo);
    }
  };
  const flushCash = (currency: string, c: { amount: number; since: number; segments: Segment[] }, upTo: number) => {
    if (c.amount === 0 || upTo < c.since) return;
    const f = book.fx(currency);
    if (f?.missing) {
      book.warnings.add(f.pair, 'no-fx', c.since, upTo);
      return;
    }
    if (f && c.since < f.firstKnown) book.warnings.add(f.pair, 'fx-backfill', c.since, Math.min(upTo, f.firstKnown - 1));
    c.segments.push([c.amount, c.since, upTo, NaN]);
  };

  for (const tx of txs) {
    const day = tx.date.length === 10 ? dayIndex(tx.date, book.start) : n;
    if (day >= n) continue; // future-dated entries wait for their day
    // Before the window (when extending a cached series) a transaction only sets the opening
    // positions and cash; its flows belong to days already computed.
    const before = day < 0;
    const i = Math.max(0, day);
    const cur = tx.currency;
    if (tx.symbol && movesShares(tx)) {
      let p = positions.get(tx.symbol);
      if (!p) {
        p = { qty: 0, since: i, segments: [], tradePrice: NaN, currency: cur };
        positions.set(tx.symbol, p);
      }
      flushPosition(tx.symbol, p, i - 1);
      p.since = i;
      p.qty = nextQuantity(p.qty, tx);
      if (tx.type === 'split') p.tradePrice = perShareAfterSplit(p.tradePrice, tx.ratio) ?? p.tradePrice;
      else if (tx.price !== null && tx.price > 0) p.tradePrice = tx.price;
      if (Math.abs(p.qty) < 1e-9) p.qty = 0; // sold out: no float dust left valued forever
    }
    if (tx.symbol && (tx.type === 'transfer' || tx.type === 'rename' || tx.type === 'spinoff')) {
      for (const m of moveDeltas(tx, (sym) => positions.get(sym)?.qty ?? 0)) {
        let p = positions.get(m.symbol);
        if (!p) positions.set(m.symbol, (p = { qty: 0, since: i, segments: [], tradePrice: NaN, currency: positions.get(tx.symbol)?.currency ?? cur }));
        flushPosition(m.symbol, p, i - 1);
        p.since = i;
        p.qty += m.delta;
        p.tradePrice *= m.priceFactor;
        if (Math.abs(p.qty) < 1e-9) p.qty = 0;
        const close = book.price(m.symbol).values[i] as number;
        const value = m.delta * (close === close ? close : p.tradePrice * book.rate(p.currency, i));
        if (moveFlows && !before && value === value && value > 0) s.inflow[i] = (s.inflow[i] as number) + value;
        else if (moveFlows && !before && value === value && value < 0) s.outflow[i] = (s.outflow[i] as number) - value;
      }
    }
    const effect = cashEffect(tx) + transferCash(tx);
    if (tx.type === 'transfer' && !tx.symbol && tracksCash && !before && moveFlows) {
      const flow = book.convert(Math.abs(effect), cur, i);
      if (effect > 0) s.inflow[i] = (s.inflow[i] as number) + flow;
      else s.outflow[i] = (s.outflow[i] as number) + flow;
    }
    if (before) {
      if (tracksCash && effect !== 0) {
        const c = cash.get(cur);
        if (c) c.amount += effect;
        else cash.set(cur, { amount: effect, since: 0, segments: [] });
      }
      continue;
    }
    if (tracksCash) {
      if (effect !== 0) {
        let c = cash.get(cur);
        if (!c) {
          c = { amount: 0, since: i, segments: [] };
          cash.set(cur, c);
        }
        flushCash(cur, c, i - 1);
        c.since = i;
        c.amount += effect;
      }
      if (tx.type === 'deposit') s.inflow[i] = (s.inflow[i] as number) + book.convert(tx.amount ?? 0, cur, i);
      if (tx.type === 'withdrawal') s.outflow[i] = (s.outflow[i] as number) + book.convert(tx.amount ?? 0, cur, i);
    } else if (effect < 0) s.inflow[i] = (s.inflow[i] as number) + book.convert(-effect, cur, i);
    else if (effect > 0) s.outflow[i] = (s.outflow[i] as number) + book.convert(effect, cur, i);

    if (tx.type === 'dividend') s.dividends[i] = (s.dividends[i] as number) + book.convert(tx.amount ?? 0, cur, i);
    if (tx.type === 'interest') s.interest[i] = (s.interest[i] as number) + book.convert(tx.amount ?? 0, cur, i);
    if (tx.type === 'tax' || tx.type === 'tax_refund') s.taxes[i] = (s.taxes[i] as number) + (tx.type === 'tax' ? 1 : -1) * book.convert(tx.amount ?? 0, cur, i);
    const feeAmount = (tx.fee ?? 0) + (tx.type === 'fee' ? (tx.amount ?? 0) : 0);
    if (feeAmount !== 0) s.fees[i] = (s.fees[i] as number) + book.convert(feeAmount, cur, i);
  }
  for (const [symbol, p] of positions) {
    flushPosition(symbol, p, n - 1);
    const price = book.price(symbol).values;
    for (const [qty, from, to, fallback] of p.segments) accumulate(s.value, price, qty, from, to, fallback);
  }
  for (const [currency, c] of cash) {
    flushCash(currency, c, n - 1);
    const f = book.fx(currency);
    for (const [amount, from, to] of c.segments) {
      if (!f) for (let i = from; i <= to; i++) s.value[i] = (s.value[i] as number) + amount;
      else accumulate(s.value, f.values, amount, from, to, NaN);
    }
  }
  return s;
}

const dayCache = new Map<string, number>();

/** Day index of an ISO date in a window starting at day `start`. */
function dayIndex(iso: string, start: number): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
    dayCache.set(iso, d);
  }
  return d - start;
}
