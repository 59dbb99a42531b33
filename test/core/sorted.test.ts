import { describe, expect, it } from 'vitest';
import { lastIndexAtOrBefore } from '../../src/core/sorted.js';

describe('lastIndexAtOrBefore', () => {
  const dates = ['2024-01-02', '2024-01-03', '2024-01-05'];
  it.each([
    ['2024-01-01', -1],
    ['2024-01-02', 0],
    ['2024-01-04', 1],
    ['2024-01-05', 2],
    ['2025-01-01', 2],
  ])('dates: %s -> %i', (date, index) => {
    expect(lastIndexAtOrBefore(dates, date)).toBe(index);
  });

  it('works on typed arrays of day numbers and on empty input', () => {
    expect(lastIndexAtOrBefore(Int32Array.from([10, 20, 30]), 25)).toBe(1);
    expect(lastIndexAtOrBefore(new Int32Array(0), 5)).toBe(-1);
  });
});
