/** Strict number parsing for cells typed by people: plain decimals only. */

// No exponents (1e309), no NaN/Infinity, no thousands or decimal commas (1,5).
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A plain decimal that is finite, or an error message. */
export function parseDecimal(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'a number is required';
  if (!DECIMAL.test(t)) return `"${text}" is not a plain decimal number (use digits and a dot, e.g. 12.5)`;
  const n = Number(t);
  if (!Number.isFinite(n)) return `"${text}" is out of range`;
  return n;
}
