/**
 * Return maths over daily series (contract "Money semantics"): time-weighted return chained daily,
 * its annualization, and XIRR (Actual/365) with a robust solver. Pure functions, no I/O.
 */

/**
 * TWR chained daily over series indexes [first, last] (the period's days F..T); `value[first - 1]`
 * is the start value (the close of F-1; 0 when first is 0). An inflow counts at the start of its day
 * (it joins the denominator), an outflow at its end (it is added back to the numerator).
 * A day that starts with nothing invested (denominator <= 0) carries no return, nor does one that
 * starts and ends with nothing held and pays nothing out (a fee before the first buy).
 */
export function chainTwr(
  value: ArrayLike<number>,
  inflow: ArrayLike<number>,
  outflow: ArrayLike<number>,
  first: number,
  last: number,
): number {
  let growth = 1;
  let prev = first > 0 ? (value[first - 1] ?? 0) : 0;
  for (let i = first; i <= last; i++) {
    const v = value[i] ?? 0;
    const start = prev + (inflow[i] ?? 0);
    const out = outflow[i] ?? 0;
    // Money that came in and left nothing behind on a day that started and ended with nothing
    // held (a fee paid before the first buy) was never invested: it carries no return either.
    const nothingHeld = prev <= 1e-9 && v <= 1e-9 && out <= 1e-9;
    if (start > 1e-9 && !nothingHeld) growth *= (v + out) / start;
    prev = v;
  }
  return growth - 1;
}

/** (1+twr)^(365/days) - 1, as the contract defines it; null when undefined. */
export function annualize(twr: number, days: number): number | null {
  if (!(days > 0) || !Number.isFinite(twr)) return null;
  if (twr <= -1) return -1;
  return Math.pow(1 + twr, 365 / days) - 1;
}

export interface XirrResult {
  rate: number | null;
  /** Why no rate exists, when rate is null. */
  reason: string | null;
}

/**
 * XIRR on Actual/365: the rate r with sum(a_k / (1+r)^((d_k - d_0)/365)) = 0, d_0 the earliest day.
 * Signs are the caller's choice (money put in one sign, money taken out the other). Solved for
 * x = ln(1+r) so r > -1 always holds: Newton first, then a bracketing scan and bisection.
 */
export function xirr(days: ArrayLike<number>, amounts: ArrayLike<number>): XirrResult {
  const n = Math.min(days.length, amounts.length);
  let d0 = Infinity;
  let d1 = -Infinity;
  let scale = 0;
  let pos = false;
  let neg = false;
  for (let k = 0; k < n; k++) {
    const a = amounts[k] ?? 0;
    if (a === 0 || !Number.isFinite(a)) continue;
    const d = days[k] ?? 0;
    if (d < d0) d0 = d;
    if (d > d1) d1 = d;
    scale = Math.max(scale, Math.abs(a));
    if (a > 0) pos = true;
    else neg = true;
  }
  if (scale === 0) return { rate: null, reason: 'no cash flows' };
  if (!pos || !neg) return { rate: null, reason: 'the cash flows all have the same sign, so no rate makes them net to zero' };
  if (d1 === d0) return { rate: null, reason: 'all cash flows fall on one day, so no annual rate exists' };

  // Normalized flows, merged per day.
  const t: number[] = [];
  const a: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = amounts[k] ?? 0;
    if (v === 0 || !Number.isFinite(v)) continue;
    t.push(((days[k] ?? 0) - d0) / 365);
    a.push(v / scale);
  }
  const g = (x: number): number => {
    let s = 0;
    for (let k = 0; k < a.length; k++) s += (a[k] as number) * Math.exp(-(t[k] as number) * x);
    return s;
  };
  const dg = (x: number): number => {
    let s = 0;
    for (let k = 0; k < a.length; k++) s -= (t[k] as number) * (a[k] as number) * Math.exp(-(t[k] as number) * x);
    return s;
  };
  const TOL = 1e-13;
  // Over short spans annual rates get huge (+50% in a day is ~1e64 a year): scale the search in
  // ln(1+r) by how many spans fit in a year, so every exponent stays within about +-12.
  const k = Math.max(1, 365 / (d1 - d0));

  // Newton from r = 10%.
  let x = Math.log(1.1);
  for (let iter = 0; iter < 60; iter++) {
    const fx = g(x);
    if (Math.abs(fx) < TOL) return finish(x);
    const d = dg(x);
    if (d === 0 || !Number.isFinite(d)) break;
    const step = fx / d;
    const next = x - Math.max(-2 * k, Math.min(2 * k, step));
    if (!Number.isFinite(next)) break;
    if (Math.abs(next - x) < 1e-15) return Math.abs(g(next)) < 1e-9 ? finish(next) : { rate: null, reason: 'no rate' };
    x = next;
  }

  // Fallback: scan ln(1+r) over [-12k, 12k] (for spans of a year or more: r from -99.999% to
  // ~1.6e5) for the sign change nearest 0.
  const grid: number[] = [];
  for (let v = -12; v <= 12 + 1e-9; v += 0.05) grid.push(v * k);
  grid.sort((p, q) => Math.abs(p) - Math.abs(q));
  let bracket: [number, number] | null = null;
  for (const lo of grid) {
    const hi = lo + 0.05 * k;
    const flo = g(lo);
    const fhi = g(hi);
    if (flo === 0) return finish(lo);
    if (Math.sign(flo) !== Math.sign(fhi)) {
      bracket = [lo, hi];
      break;
    }
  }
  if (!bracket) return { rate: null, reason: 'no annual rate makes the cash flows net to zero' };
  let [lo, hi] = bracket;
  let flo = g(lo);
  for (let iter = 0; iter < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); iter++) {
    const mid = (lo + hi) / 2;
    const fm = g(mid);
    if (fm === 0) return finish(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return finish((lo + hi) / 2);
}

function finish(x: number): XirrResult {
  let r = Math.expm1(x);
  if (Math.abs(r) < 1e-12) r = 0; // float dust around a zero rate
  return Number.isFinite(r) ? { rate: r, reason: null } : { rate: null, reason: 'the rate overflows' };
}
