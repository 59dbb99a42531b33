import type { SymbolFailure } from './types.js';

/** Why a provider call failed as a whole; `temporary` failures are worth retrying later (exit 75). */
export type MarketErrorKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'rate-limited'
  | 'circuit-open'
  | 'aborted'
  | 'too-large'
  | 'bad-data'
  | 'unknown-symbol'
  | 'not-covered'
  | 'bad-input'
  | 'budget';

const PERMANENT: readonly MarketErrorKind[] = ['bad-data', 'unknown-symbol', 'too-large', 'not-covered', 'bad-input'];

export class MarketError extends Error {
  readonly kind: MarketErrorKind;
  readonly status: number | null;
  readonly temporary: boolean;
  constructor(kind: MarketErrorKind, message: string, options: { status?: number } = {}) {
    super(message);
    this.name = 'MarketError';
    this.kind = kind;
    this.status = options.status ?? null;
    // 4xx other than 429 are the provider's final word about this request.
    this.temporary = !PERMANENT.includes(kind) && !(kind === 'http' && this.status !== null && this.status < 500);
  }
}

/** A per-symbol failure from whatever a provider call threw. */
export function failureOf(symbol: string, err: unknown): SymbolFailure {
  if (err instanceof MarketError) {
    return {
      symbol,
      message: err.message,
      temporary: err.temporary,
      ...(err.kind === 'unknown-symbol' ? { unknown: true } : {}),
      ...(err.kind === 'bad-input' ? { final: true } : {}),
      ...(err.kind === 'not-covered' ? { notCovered: true } : {}),
      ...(['circuit-open', 'rate-limited', 'budget'].includes(err.kind) || err.status === 401 || err.status === 403 ? { refusing: true } : {}),
    };
  }
  return { symbol, message: (err as Error).message ?? String(err), temporary: true };
}
