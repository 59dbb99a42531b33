/**
 * Daily prices and FX rates in the base currency over one window, built once from loaded tracks and
 * shared by every scope (portfolio, accounts, symbols). Records which days lacked data so the
 * reports can warn about exactly the days that matter.
 */
import { fillForward, type Filled, type Track } from '../core/value-series.js';
import { fxCandidates } from '../core/currency.js';
import { WarningLog } from './warnings.js';

export interface Priced {
  /** Close in the base currency on each day; NaN before the first close (or with no FX at all). */
  values: Float64Array;
  firstKnown: number;
  lastObservation: number | null;
}

export interface FxRates {
  /** Rate on each day; before the first FX close it is backfilled with that first close. */
  values: Float64Array;
  /** Days before this index used a backfilled rate. */
  firstKnown: number;
  pair: string;
  /** No FX close at all: values are NaN. */
  missing: boolean;
}

export class PriceBook {
  readonly warnings = new WarningLog();
  private readonly fxCache = new Map<string, FxRates | null>();
  private readonly priceCache = new Map<string, Priced>();

  constructor(
    readonly start: number,
    readonly length: number,
    readonly base: string,
    private readonly tracks: Map<string, Track>,
    private readonly currencyOf: (symbol: string) => string,
  ) {}

  /** FX rates from `currency` to the base; null for the base itself (rate 1). */
  fx(currency: string): FxRates | null {
    if (currency === this.base) return null;
    let r = this.fxCache.get(currency);
    if (r !== undefined) return r;
    const [direct, inverse] = fxCandidates(currency, this.base);
    let filled: Filled | null = null;
    let pair = direct;
    const dt = this.tracks.get(direct);
    if (dt) filled = fillForward(dt, this.start, this.length);
    else {
      const it = this.tracks.get(inverse);
      if (it) {
        filled = fillForward(it, this.start, this.length);
        pair = inverse;
        for (let i = 0; i < filled.values.length; i++) filled.values[i] = 1 / (filled.values[i] as number);
      }
    }
    if (!filled || filled.firstKnown >= this.length) {
      // Maybe the only closes come after the window: use the first of them, with a warning.
      const t = dt ?? this.tracks.get(inverse);
      const first = t && t.values.length > 0 ? (t.values[0] as number) : NaN;
      const rate = t === dt ? first : 1 / first;
      r = { values: new Float64Array(this.length).fill(rate), firstKnown: this.length, pair, missing: !(rate > 0) };
    } else {
      const v = filled.values;
      const firstRate = v[filled.firstKnown] as number;
      for (let i = 0; i < filled.firstKnown; i++) v[i] = firstRate;
      r = { values: v, firstKnown: filled.firstKnown, pair, missing: false };
    }
    this.fxCache.set(currency, r);
    return r;
  }

  /** Rate on day index i (1 for the base). */
  rate(currency: string, i: number): number {
    const f = this.fx(currency);
    if (!f) return 1;
    if (f.missing) return NaN;
    return f.values[Math.max(0, Math.min(this.length - 1, i))] as number;
  }

  /** Converts an amount on day index i, warning (and counting nothing) when no FX rate exists at all. */
  convert(amount: number, currency: string, i: number): number {
    if (amount === 0) return 0;
    const f = this.fx(currency);
    if (!f) return amount;
    if (f.missing) {
      this.warnings.add(f.pair, 'no-fx', i, i);
      return 0;
    }
    if (i < f.firstKnown) this.warnings.add(f.pair, 'fx-backfill', i, i);
    return amount * (f.values[Math.max(0, Math.min(this.length - 1, i))] as number);
  }

  /** Daily closes of a symbol in the base currency. */
  price(symbol: string): Priced {
    let p = this.priceCache.get(symbol);
    if (p) return p;
    const t = this.tracks.get(symbol);
    const filled = t
      ? fillForward(t, this.start, this.length)
      : { values: new Float64Array(this.length).fill(NaN), firstKnown: this.length, lastObservation: null };
    const f = this.fx(this.currencyOf(symbol));
    if (f) {
      const v = filled.values;
      for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * (f.values[i] as number);
    }
    p = filled;
    this.priceCache.set(symbol, p);
    return p;
  }

  /** Warns about the days [from, to] a holding of `symbol` was valued without a close or a real FX rate. */
  checkHeld(symbol: string, from: number, to: number): void {
    if (to < from) return;
    const p = this.price(symbol);
    const f = this.fx(this.currencyOf(symbol));
    if (f?.missing) {
      this.warnings.add(f.pair, 'no-fx', from, to);
      return;
    }
    if (from < p.firstKnown) this.warnings.add(symbol, 'no-close', from, Math.min(to, p.firstKnown - 1));
    if (p.lastObservation !== null) {
      const staleFrom = p.lastObservation - this.start + 8; // a week without a close
      if (to >= staleFrom) this.warnings.add(symbol, 'stale', Math.max(from, staleFrom), to, p.lastObservation);
    }
    if (f && from < f.firstKnown) this.warnings.add(f.pair, 'fx-backfill', from, Math.min(to, f.firstKnown - 1));
  }
}
