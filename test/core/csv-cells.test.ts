import { describe, expect, it } from 'vitest';
import { escapeCell, plainNumber, unescapeCell } from '../../src/core/csv-cells.js';
import { parseDecimal } from '../../src/core/validate-tx.js';

describe('escapeCell / unescapeCell', () => {
  it.each(['=1+2', '+44 20', '-5', '@SUM(A1)', '\tx', '\rx', "'", "''", "'=x", "'abc", 'plain', '', 'a=b', '='])('round-trips %j', (text) => {
    const escaped = escapeCell(text);
    expect(escaped).not.toMatch(/^[=+\-@\t\r]/);
    expect(unescapeCell(escaped)).toBe(text);
  });

  it('leaves a hand-written apostrophe that protects nothing alone', () => {
    expect(unescapeCell("'abc")).toBe("'abc");
  });
});

describe('plainNumber', () => {
  it.each([0, 1, 0.1, 123.456, 1e-7, 5e-324, 1.5e-10, 1e21, 1.7976931348623157e308, 2 ** 53 + 2])('writes %d as a plain decimal that parses back exactly', (n) => {
    const s = plainNumber(n);
    expect(s).not.toMatch(/e/i);
    expect(parseDecimal(s)).toBe(n);
  });
});
