/**
 * Numbers through JSON bit for bit: JSON has no NaN, Infinity or -0 (an amount without an FX rate
 * is NaN), so those travel as the strings "NaN", "Infinity", "-Infinity" and "-0". The one codec of
 * the stored replays (src/core/lot-state.ts, src/ledger/replay-state.ts).
 */
export type JsonNumber = number | string;

export function encodeNumber(x: number): JsonNumber {
  return Object.is(x, -0) ? '-0' : Number.isFinite(x) ? x : String(x);
}

export function decodeNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}
