/**
 * Currencies and FX pairs, Yahoo style. An FX pair `EURUSD=X` prices one EUR in USD. A rate from
 * C to the base is read from the direct pair (CBASE=X) when it is known, else from the inverse pair
 * (BASEC=X) as its reciprocal. Minor units (GBp pence, ZAc cents, ILA agorot) are stored in their
 * major currency, divided by 100.
 *
 * The FX-pair test is FX_PAIR_SUFFIX below. SQL derives its `LIKE` from it (sqlIsFxPair in
 * src/store/fx-sql.ts: the triggers of migration 9, the journal's closes); the shipped migrations 2
 * and 7 spell the same test out (`symbol LIKE '%=X'`), frozen as they ran.
 */

const MINOR_UNITS: Readonly<Record<string, string>> = { GBp: 'GBP', GBX: 'GBP', ZAc: 'ZAR', ZAC: 'ZAR', ILA: 'ILS' };

/** The major currency of a minor unit and the divisor (100), or the currency itself and 1. */
export function toMajorUnits(currency: string): { currency: string; divisor: number } {
  const major = MINOR_UNITS[currency];
  return major ? { currency: major, divisor: 100 } : { currency, divisor: 1 };
}

/** Whether `currency` is a minor unit (GBp, GBX, ZAc, ZAC, ILA). */
export function isMinorUnit(currency: string): boolean {
  return Object.hasOwn(MINOR_UNITS, currency);
}

/** What every FX pair symbol ends in (Yahoo style). */
export const FX_PAIR_SUFFIX = '=X';

/** The FX pair symbol that prices one unit of `from` in `to`: EURUSD=X. */
export function fxSymbol(from: string, to: string): string {
  return `${from}${to}${FX_PAIR_SUFFIX}`;
}

export function isFxPair(symbol: string): boolean {
  return symbol.endsWith(FX_PAIR_SUFFIX);
}

/** `EURUSD=X` -> [EUR, USD]; null when the symbol is not a pair of two three-letter codes. */
export function parseFxPair(symbol: string): [string, string] | null {
  const m = /^([A-Z]{3})([A-Z]{3})=X$/.exec(symbol);
  return m ? [m[1] as string, m[2] as string] : null;
}

/** The pair symbols that may price `currency` in `base`: direct (EURUSD=X) first, then inverse (USDEUR=X). */
export function fxCandidates(currency: string, base: string): [string, string] {
  return [fxSymbol(currency, base), fxSymbol(base, currency)];
}

export interface FxFound<T> {
  value: T;
  pair: string;
  /** True when read from the inverse pair: rates from it are reciprocals. */
  inverse: boolean;
}

/** The direct pair's data when `get` knows it, else the inverse's; null when neither. */
export function findFx<T>(currency: string, base: string, get: (pair: string) => T | null | undefined): FxFound<T> | null {
  const [direct, inverse] = fxCandidates(currency, base);
  const d = get(direct);
  if (d !== null && d !== undefined) return { value: d, pair: direct, inverse: false };
  const i = get(inverse);
  if (i !== null && i !== undefined) return { value: i, pair: inverse, inverse: true };
  return null;
}

/** A rate read from a found pair, turned into "one `currency` in base". */
export function fxRate(found: { inverse: boolean }, rate: number): number {
  return found.inverse ? 1 / rate : rate;
}
