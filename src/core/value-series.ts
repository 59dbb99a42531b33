/**
 * Typed-array kernels for daily value series. A window is `length` consecutive days starting at day
 * number `start`; index i is day start+i. Pure functions, no I/O.
 */

/** Sorted observations of one series (closes or FX): day numbers ascending, values aligned. */
export interface Track {
  days: Int32Array;
  values: Float64Array;
}

export interface Filled {
  /** The last observation on or before each day; NaN before the first one. */
  values: Float64Array;
  /** Index of the first day with an observation on or before it (length when none). */
  firstKnown: number;
  /** Day number of the last observation on or before the window's end (null when none). */
  lastObservation: number | null;
}

/** Fills a window with the last observation on or before each day (the contract's "price on day D"). */
export function fillForward(track: Track, start: number, length: number): Filled {
  const out = new Float64Array(length);
  const { days, values } = track;
  const end = start + length - 1;
  let k = 0;
  // Skip to the last observation on or before `start`.
  let cur = NaN;
  let lastObs: number | null = null;
  while (k < days.length && (days[k] as number) <= start) {
    cur = values[k] as number;
    lastObs = days[k] as number;
    k++;
  }
  for (let i = 0; i < length; i++) {
    const day = start + i;
    while (k < days.length && (days[k] as number) <= day) {
      cur = values[k] as number;
      lastObs = days[k] as number;
      k++;
    }
    out[i] = cur;
  }
  let firstKnown = 0;
  while (firstKnown < length && Number.isNaN(out[firstKnown] as number)) firstKnown++;
  if (lastObs !== null && lastObs > end) lastObs = null;
  return { values: out, firstKnown, lastObservation: lastObs };
}

/** out[i] = a[i] * b[i] (b null means 1). */
export function multiply(a: Float64Array, b: Float64Array | null): Float64Array {
  if (!b) return a;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) * (b[i] as number);
  return out;
}

/**
 * Adds qty * price[i] to value[i] for i in [from, to]. Where the price is unknown (NaN) it uses
 * `fallback` instead and returns how many days needed it, so callers can warn (never a silent zero).
 */
export function accumulate(
  value: Float64Array,
  price: Float64Array,
  qty: number,
  from: number,
  to: number,
  fallback: number,
): number {
  if (qty === 0 || to < from) return 0;
  let missing = 0;
  for (let i = from; i <= to; i++) {
    const p = price[i] as number;
    if (p === p) value[i] = (value[i] as number) + qty * p;
    else {
      missing++;
      if (fallback === fallback) value[i] = (value[i] as number) + qty * fallback;
    }
  }
  return missing;
}

/** Running sum of inflow - outflow: net contributions up to and including each day. */
export function cumulativeNet(inflow: Float64Array, outflow: Float64Array): Float64Array {
  const out = new Float64Array(inflow.length);
  let s = 0;
  for (let i = 0; i < inflow.length; i++) {
    s += (inflow[i] as number) - (outflow[i] as number);
    out[i] = s;
  }
  return out;
}

/** Sum of a[i] for i in [from, to], clamped to the array. */
export function rangeSum(a: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = Math.max(0, from); i <= Math.min(a.length - 1, to); i++) s += a[i] as number;
  return s;
}
