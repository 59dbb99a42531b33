/**
 * Is a fetched price believable? Pure. A price that is not a finite positive number, or that moved
 * more than `maxMove` (a share: 0.5 = 50%) from the last known close with no split known since that
 * close, is refused with a reason; the next provider is then asked.
 */
export interface LastClose {
  date: string;
  close: number;
  /** A split (or reverse split) is recorded after `date`: a big move is expected. */
  splitSince: boolean;
}

export const DEFAULT_MAX_MOVE = 0.5;

export function implausibility(price: unknown, last: LastClose | null, maxMove: number = DEFAULT_MAX_MOVE): string | null {
  if (typeof price !== 'number' || !Number.isFinite(price)) return `price is not a finite number (${String(price)})`;
  if (price <= 0) return `price is not positive (${price})`;
  if (!last || last.splitSince || !(last.close > 0)) return null;
  const move = price / last.close - 1;
  if (Math.abs(move) > maxMove) {
    return `implausible: ${price} is ${(move * 100).toFixed(0)}% from the close of ${last.date} (${last.close}), more than ${(maxMove * 100).toFixed(0)}% with no split known`;
  }
  return null;
}
