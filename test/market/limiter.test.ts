import { describe, expect, it } from 'vitest';
import { SPACING_MARGIN_MS, spacingMs } from '../../src/market/http.js';

describe('limiter spacing', () => {
  it('spaces request starts at 1000 / rate plus a small margin', () => {
    expect(spacingMs(4)).toBe(250 + SPACING_MARGIN_MS);
    expect(spacingMs(5)).toBe(200 + SPACING_MARGIN_MS);
    expect(spacingMs(4.75)).toBe(Math.ceil(1000 / 4.75 + SPACING_MARGIN_MS));
    expect(SPACING_MARGIN_MS).toBeGreaterThan(0);
  });
  // The 95%-of-limit run (about 2 s of real requests) is in test/reliability/limiter-rate.test.ts.
});
