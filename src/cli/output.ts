/** Small output helpers shared by commands: JSON and colour (NO_COLOR aware). Number formatting: base/format.ts. */
import type { Deps } from '../deps.js';

export function writeJson(deps: Deps, value: unknown): void {
  deps.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(deps: Deps, line = ''): void {
  deps.stdout.write(`${line}\n`);
}

/** Colour only on a TTY and never when NO_COLOR is set (https://no-color.org). */
export function useColor(deps: Deps): boolean {
  if (deps.env.NO_COLOR !== undefined && deps.env.NO_COLOR !== '') return false;
  if (deps.env.FORCE_COLOR && deps.env.FORCE_COLOR !== '0') return true;
  return deps.stdout.isTTY === true;
}
