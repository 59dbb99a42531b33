/**
 * CSV cell text that is safe to open in a spreadsheet and still re-imports exactly.
 * A cell starting with = + - @ (or tab/CR) would run as a formula (CSV injection), so export
 * prefixes it with an apostrophe; a cell already starting with an apostrophe gets one too, so that
 * import can always strip exactly one and get the original text back.
 */
const RISKY = /^[=+\-@\t\r']/;

export function escapeCell(text: string): string {
  return RISKY.test(text) ? `'${text}` : text;
}

export function unescapeCell(text: string): string {
  return text.length > 1 && text[0] === "'" && RISKY.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * A number as a plain decimal that the strict importer accepts and that parses back to the same
 * double (String(n) would write 1e-7 or 1e+21).
 */
export function plainNumber(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  // Move the decimal point of the shortest round-trip digits: exact, no rounding.
  const frac = m[3] ?? '';
  const digits = `${m[2]}${frac}`;
  const exp = Number(m[4]) - frac.length;
  if (exp >= 0) return `${m[1]}${digits}${'0'.repeat(exp)}`;
  const padded = digits.padStart(-exp + 1, '0');
  const cut = padded.length + exp;
  return `${m[1]}${padded.slice(0, cut)}.${padded.slice(cut)}`.replace(/\.?0+$/, '');
}
