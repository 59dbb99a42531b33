/** Seeded random ledgers for differential and cache tests: two accounts (one tracks cash), weekday closes. */
import { dayToIso, isoToDay, isWeekend } from '../../src/core/dates.js';
import type { NewTransaction } from '../../src/core/types.js';
import { tx } from './helpers.js';

/** xorshift32: the same numbers for the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A random two-account ledger (one tracking cash, one not) over 2023-2024 with weekday closes. */
export function generate(seed: number): { txs: NewTransaction[]; closes: [string, string, number][] } {
  const r = rng(seed);
  const symbols = ['AAA', 'BBB', 'CCC', 'VOD.L'];
  const price = new Map<string, Map<string, number>>();
  const closes: [string, string, number][] = [];
  for (const s of symbols) {
    const m = new Map<string, number>();
    let p = 20 + r() * 100;
    for (let d = isoToDay('2023-01-02'); d <= isoToDay('2024-12-31'); d++) {
      if (isWeekend(d)) continue;
      p = Math.max(1, p * (1 + (r() - 0.48) * 0.05));
      m.set(dayToIso(d), round2(p));
      closes.push([s, dayToIso(d), round2(p)]);
    }
    price.set(s, m);
  }
  const txs: NewTransaction[] = [tx({ date: '2023-01-03', type: 'deposit', amount: 20_000, account: 'broker' })];
  const held = new Map<string, number>();
  for (let d = isoToDay('2023-01-04'); d <= isoToDay('2024-12-31'); d++) {
    if (isWeekend(d) || r() > 0.08) continue;
    const date = dayToIso(d);
    const account = r() < 0.5 ? 'broker' : 'ira';
    const symbol = symbols[Math.floor(r() * symbols.length)] as string;
    const close = price.get(symbol)?.get(date) as number;
    const key = `${account}:${symbol}`;
    const have = held.get(key) ?? 0;
    const k = r();
    const fee = r() < 0.5 ? round2(r() * 5) : 0;
    if (k < 0.45) {
      const q = 1 + Math.floor(r() * 20);
      txs.push(tx({ date, type: 'buy', symbol, quantity: q, price: round2(close * (0.99 + r() * 0.02)), fee, account }));
      held.set(key, have + q);
    } else if (k < 0.65 && have > 0) {
      const q = Math.max(1, Math.floor(have * r()));
      txs.push(tx({ date, type: 'sell', symbol, quantity: q, price: round2(close * (0.99 + r() * 0.02)), fee, account }));
      held.set(key, have - q);
    } else if (k < 0.8 && have > 0) {
      txs.push(tx({ date, type: 'dividend', symbol, amount: round2(have * close * 0.005), account }));
    } else if (k < 0.86) {
      txs.push(tx({ date, type: 'interest', amount: round2(r() * 30), account }));
    } else if (k < 0.9) {
      txs.push(tx({ date, type: 'fee', amount: round2(r() * 10), account }));
    } else if (k < 0.95) {
      txs.push(tx({ date, type: 'deposit', amount: round2(r() * 3000), account: 'broker' }));
    } else {
      txs.push(tx({ date, type: 'withdrawal', amount: round2(r() * 2000), account: 'broker' }));
    }
  }
  return { txs, closes };
}

/** Weekday GBPUSD=X closes over 2023-2024, a deterministic walk from 1.25. */
export function gbpUsdCloses(): [string, string, number][] {
  const fx: [string, string, number][] = [];
  let rate = 1.25;
  for (let d = isoToDay('2023-01-02'); d <= isoToDay('2024-12-31'); d++) {
    if (isWeekend(d)) continue;
    rate *= 1 + (((d * 7919) % 13) - 6) / 1000;
    fx.push(['GBPUSD=X', dayToIso(d), Math.round(rate * 10000) / 10000]);
  }
  return fx;
}
