/**
 * The one terminal sanitizer: text from files, providers and the database passes through here
 * before it reaches a terminal (tables, warnings, errors, the dashboard). JSON and CSV keep the
 * original text; only what is drawn on a screen is cleaned.
 */

// C0 controls, DEL, C1 controls (0x80-0x9f: 0x9b is a one-byte CSI), and the bidi
// overrides/isolates that reorder what follows them on screen.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BREAKS = /[\t\n\r]+/g;

/** Text safe to print on one line: control characters dropped, tabs and line breaks made spaces. */
export function sanitize(text: string): string {
  // Fast path: most text is plain.
  if (!/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return text; // eslint-disable-line no-control-regex
  return text.replace(BREAKS, ' ').replace(UNSAFE, '');
}

/** Like sanitize, but keeps line breaks (multi-line messages). */
export function sanitizeLines(text: string): string {
  return text.split('\n').map((l) => sanitize(l.replace(/\r$/, ''))).join('\n');
}

/** At most `max` characters of an input to echo back in a message, marked when cut. */
export function excerpt(text: string, max = 60): string {
  const clean = sanitize(text.length > max * 4 ? text.slice(0, max * 4) : text);
  if (clean.length <= max && text.length <= max * 4) return clean;
  return `${clean.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** Columns a (sanitized) string takes on a terminal: wide East Asian characters count 2, marks 0. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x300) w += 1;
    else if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200d) || (c >= 0xfe00 && c <= 0xfe0f)) w += 0;
    else if (
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd)
    )
      w += 2;
    else w += 1;
  }
  return w;
}
