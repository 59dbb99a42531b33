/**
 * Split ratios (contract): `N:M` means N new shares for M old, with N and M positive plain decimals.
 * `/` and other forms are refused. A split multiplies the quantity by N/M, computed as
 * `quantity * N / M` (not `quantity * (N / M)`): 20 shares after 1:3 are 6.666666666666667.
 */
import { parseDecimal } from './decimal.js';

const RATIO = /^\s*([^:]+):([^:]+)\s*$/;

/** `N:M` with positive plain decimals; returns [N, M] or an error message. */
export function parseRatio(text: string): [number, number] | string {
  const m = RATIO.exec(text);
  if (!m) return `"${text}" is not a ratio N:M (e.g. 4:1 for four new shares per old share)`;
  const n = parseDecimal(m[1] ?? '');
  const d = parseDecimal(m[2] ?? '');
  if (typeof n === 'string' || typeof d === 'string' || n <= 0 || d <= 0) {
    return `"${text}" is not a ratio N:M of two positive numbers`;
  }
  return [n, d];
}

/** The stored text of a ratio, as validation writes it. */
export function formatRatio([n, m]: readonly [number, number]): string {
  return `${n}:${m}`;
}

/** N/M, or NaN when the ratio is not N:M. */
export function splitFactor(ratio: string | null): number {
  const r = parseRatio(ratio ?? '');
  return typeof r === 'string' ? NaN : r[0] / r[1];
}

/** `quantity` after a split of `ratio`; null when the ratio is not N:M (callers keep the quantity and say so). */
export function applyRatio(quantity: number, ratio: string | null): number | null {
  const r = parseRatio(ratio ?? '');
  return typeof r === 'string' ? null : (quantity * r[0]) / r[1];
}

/** A per-share amount (price, cost) after a split: divided by N/M, as `amount * M / N`. */
export function perShareAfterSplit(amount: number, ratio: string | null): number | null {
  const r = parseRatio(ratio ?? '');
  return typeof r === 'string' ? null : (amount * r[1]) / r[0];
}
