import { describe, expect, it } from 'vitest';
import { applyRatio, formatRatio, parseRatio, perShareAfterSplit, splitFactor } from '../../src/core/split-ratio.js';

describe('split ratios (N:M, N new shares for M old)', () => {
  it.each([
    ['4:1', [4, 1]],
    ['1:10', [1, 10]],
    [' 3:2 ', [3, 2]],
    ['1.5:1', [1.5, 1]],
  ] as const)('reads %j', (text, want) => {
    expect(parseRatio(text)).toEqual(want);
    expect(formatRatio(want)).toBe(text.trim());
  });

  it.each(['4/1', '4', '', 'x:1', '0:1', '1:0', '-1:2', '1:2:3', '1e3:1', 'NaN:1'])('refuses %j with a message', (text) => {
    const r = parseRatio(text);
    expect(typeof r).toBe('string');
    expect(r).toContain(text);
    expect(splitFactor(text)).toBeNaN();
    expect(applyRatio(10, text)).toBeNull();
    expect(perShareAfterSplit(10, text)).toBeNull();
  });

  it.each([
    // Ghostfolio's "multiple splits preserving fractional precision": q * n / m, not q * (n / m).
    [20, '1:3', 6.666666666666667],
    [6.666666666666667, '3:1', 20],
    [10, '4:1', 40],
    [3, '1:2', 1.5],
    [0, '10:1', 0],
  ])('%d shares after %s are %d', (q, ratio, want) => {
    expect(applyRatio(q, ratio)).toBe(want);
  });

  it('differs from multiplying by the rounded factor where the contract says it must', () => {
    expect(20 * (1 / 3)).toBe(6.666666666666666);
    expect(applyRatio(20, '1:3')).not.toBe(20 * (1 / 3));
  });

  it.each([
    [100, '4:1', 25],
    [30, '1:3', 90],
    [10, '3:2', 6.666666666666667],
  ])('a per-share amount %d after %s is %d', (amount, ratio, want) => {
    expect(perShareAfterSplit(amount, ratio)).toBe(want);
  });
});
