/**
 * ISIN (ISO 6166): two letters, nine alphanumerics, one check digit (Luhn over the digits that the
 * letters expand to, A=10 ... Z=35). Pure. The one validator: search and importers use it.
 */
const SHAPE = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;

/** Looks like an ISIN (shape only, check digit not verified). */
export function looksLikeIsin(text: string): boolean {
  return SHAPE.test(text.trim().toUpperCase());
}

export function isinCheckDigit(first11: string): number {
  const digits = [...first11.toUpperCase()].map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let sum = 0;
  // Luhn from the right: the rightmost digit of the expansion is doubled (the check digit comes after it).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export type IsinCheck = { ok: true; isin: string } | { ok: false; reason: string };

export function checkIsin(text: string): IsinCheck {
  const isin = text.trim().toUpperCase();
  if (!SHAPE.test(isin)) return { ok: false, reason: 'an ISIN is 2 letters, 9 letters or digits and a check digit (e.g. US0378331005)' };
  const expected = isinCheckDigit(isin.slice(0, 11));
  if (Number(isin[11]) !== expected) return { ok: false, reason: `bad check digit: ${isin} should end in ${expected}` };
  return { ok: true, isin };
}
