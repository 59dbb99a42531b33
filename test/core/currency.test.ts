import { describe, expect, it } from 'vitest';
import { findFx, fxCandidates, fxRate, fxSymbol, isFxPair, isMinorUnit, parseFxPair, toMajorUnits } from '../../src/core/currency.js';

describe('minor currency units', () => {
  it.each([
    ['GBp', 'GBP', 100],
    ['GBX', 'GBP', 100],
    ['ZAc', 'ZAR', 100],
    ['ZAC', 'ZAR', 100],
    ['ILA', 'ILS', 100],
    ['GBP', 'GBP', 1],
    ['USD', 'USD', 1],
    ['ILS', 'ILS', 1],
  ])('%s is %s / %d', (c, major, divisor) => {
    expect(toMajorUnits(c)).toEqual({ currency: major, divisor });
    expect(isMinorUnit(c)).toBe(divisor === 100);
  });
});

describe('FX pairs', () => {
  it.each([
    ['EUR', 'USD', 'EURUSD=X', ['EUR', 'USD']],
    ['GBP', 'EUR', 'GBPEUR=X', ['GBP', 'EUR']],
  ] as const)('%s in %s is %s', (from, to, pair, parsed) => {
    expect(fxSymbol(from, to)).toBe(pair);
    expect(isFxPair(pair)).toBe(true);
    expect(parseFxPair(pair)).toEqual(parsed);
    expect(fxCandidates(from, to)).toEqual([pair, `${to}${from}=X`]);
  });

  it.each(['AAPL', 'VOD.L', 'BTC-USD', '^GSPC'])('%s is not a pair', (s) => {
    expect(isFxPair(s)).toBe(false);
    expect(parseFxPair(s)).toBeNull();
  });

  it.each([
    // known pairs -> which one is used and the rate for one EUR in USD
    [{ 'EURUSD=X': 1.1 }, 'EURUSD=X', 1.1],
    [{ 'USDEUR=X': 0.8 }, 'USDEUR=X', 1.25],
    [{ 'EURUSD=X': 1.1, 'USDEUR=X': 0.8 }, 'EURUSD=X', 1.1],
  ])('direct first, else the inverse as its reciprocal: %j', (known: Record<string, number>, pair, rate) => {
    const f = findFx('EUR', 'USD', (p) => known[p]);
    expect(f?.pair).toBe(pair);
    expect(fxRate(f as { inverse: boolean }, f?.value as number)).toBeCloseTo(rate, 12);
  });

  it('finds nothing when neither pair is known', () => {
    expect(findFx('EUR', 'USD', () => undefined)).toBeNull();
  });
});
