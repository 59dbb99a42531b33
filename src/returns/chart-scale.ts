/**
 * Maps any finite series onto the rows of a plot, so the plotting library only ever sees values in
 * [0, height]: asciichart walks its y axis one unit at a time from min to max, which never ends
 * above 2^53 (1e16 + 1 === 1e16) and allocates rows by the value range (a 308-digit close threw
 * `Invalid array length`). Labels are mapped back to the real values.
 */

export type Scaled =
  | { ok: true; data: number[][]; min: number; max: number; label(y: number): number }
  | { ok: false; reason: string };

/** Non-finite points (gaps, NaN) take the previous finite value (the next one at the start). */
function fillGaps(series: ArrayLike<number>): number[] | null {
  const out = Array.from(series);
  let last: number | undefined;
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i])) last = out[i];
    else if (last !== undefined) out[i] = last;
  }
  const first = out.find((x) => Number.isFinite(x));
  if (first === undefined) return null;
  for (let i = 0; i < out.length && !Number.isFinite(out[i]); i++) out[i] = first;
  return out;
}

export function scaleForPlot(series: readonly ArrayLike<number>[], height: number): Scaled {
  const filled: number[][] = [];
  for (const s of series) {
    const f = fillGaps(s);
    if (f) filled.push(f);
  }
  if (filled.length === 0 || filled.every((s) => s.length === 0)) return { ok: false, reason: 'no finite values to draw' };
  let min = Infinity;
  let max = -Infinity;
  for (const s of filled) {
    for (const x of s) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const h = Math.max(1, Math.floor(height));
  // Divide by the magnitude first so max - min cannot overflow (1e308 - -1e308 is Infinity).
  const s = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const lo = min / s;
  const span = max / s - lo;
  if (!(span > 0) || span < 1e-12) {
    // A constant series (or one whose changes are below float resolution): a flat line mid-plot.
    const mid = Math.round(h / 2);
    return { ok: true, data: filled.map((f) => f.map(() => mid)), min, max, label: () => min };
  }
  const data = filled.map((f) => f.map((x) => Math.min(h, Math.max(0, ((x / s - lo) / span) * h))));
  return { ok: true, data, min, max, label: (y) => s * (lo + (y / h) * span) };
}
