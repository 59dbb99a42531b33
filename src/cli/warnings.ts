/** Warnings on stderr: sanitized, and past a few lines summed up instead of flooding the terminal. */
import { sanitize } from '../base/sanitize.js';

export const WARNINGS_SHOWN = 5;

export function writeWarnings(stderr: { write(s: string): unknown }, warnings: readonly string[], max = WARNINGS_SHOWN): void {
  const shown = warnings.length > max + 1 ? warnings.slice(0, max) : warnings;
  let out = '';
  for (const w of shown) out += `warning: ${sanitize(w)}\n`;
  const rest = warnings.length - shown.length;
  if (rest > 0) out += `warning: … and ${rest.toLocaleString('en-US')} more warnings like these (--json lists them all)\n`;
  if (out) stderr.write(out);
}
