/** Display formatting shared by the plain first frame and the Ink UI (pure, cheap to import). */
import { sanitize } from '../base/sanitize.js';
import type { FreshnessState } from '../core/types.js';

export const MARKS: Record<FreshnessState, string> = { fresh: '●', stale: '○', missing: '✕' };

// Hand-rolled grouping instead of Intl.NumberFormat: creating one loads ICU data (~10 ms), and
// this module is on the first frame's path.
function group(intPart: string): string {
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) out += ',';
    out += intPart[i];
  }
  return out;
}

/** en-US style: thousands separators, `digits` decimals (trailing zeros kept unless trim). */
export function grouped(v: number, digits: number, trim = false): string {
  const fixed = Math.abs(v).toFixed(digits);
  if (fixed.includes('e')) return v.toString();
  const dot = fixed.indexOf('.');
  let f = dot < 0 ? '' : fixed.slice(dot + 1);
  if (trim) {
    let end = f.length;
    while (end > 0 && f.charCodeAt(end - 1) === 48) end--;
    f = f.slice(0, end);
  }
  const s = group(dot < 0 ? fixed : fixed.slice(0, dot)) + (f ? `.${f}` : '');
  // A negative amount that rounds to zero prints without a sign.
  return v < 0 && Number(fixed) !== 0 ? `-${s}` : s;
}

const num2 = { format: (v: number) => grouped(v, 2) };
const qtyFmt = { format: (v: number) => grouped(v, 4, true) };

export function money(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return num2.format(v);
}

export function signedMoney(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v > 0 ? `+${num2.format(v)}` : num2.format(v);
}

/** Price: two decimals, more for sub-unit prices (crypto, pennies). */
export function price(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) < 1 && v !== 0) return v.toPrecision(4);
  return num2.format(v);
}

export function qty(v: number): string {
  return qtyFmt.format(v);
}

export function pct(v: number | null | undefined, signed = true): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = `${(v * 100).toFixed(2)}%`;
  return signed && v > 0 ? `+${s}` : s;
}

/** Compact age: 12s, 5m, 3h, 2d (one definition, shared with the CLI tables). */
export { formatAge as age } from '../base/format.js';

/** Cuts text to a display width with an ellipsis; never wraps. */
/** Text cut to `width` columns; control characters from data never reach the terminal. */
export function fit(raw: string, width: number): string {
  if (width <= 0) return '';
  const text = sanitize(raw);
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `${text.slice(0, width - 1)}…`;
}

export function padRight(text: string, width: number): string {
  const t = fit(text, width);
  return t + ' '.repeat(width - t.length);
}

export function padLeft(text: string, width: number): string {
  const t = fit(text, width);
  return ' '.repeat(width - t.length) + t;
}

/** The sign of a number as a tone for colouring (colour is never the only signal: signs are printed). */
export type Tone = 'up' | 'down' | 'flat' | 'dim' | 'warn' | 'bad';

export function toneOf(v: number | null | undefined): Tone {
  if (v === null || v === undefined || !Number.isFinite(v) || v === 0) return 'flat';
  return v > 0 ? 'up' : 'down';
}
