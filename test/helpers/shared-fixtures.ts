/**
 * The recorded provider answers in the shared fixtures folder (never copied into the project):
 * PORTFOLIO_FIXTURES, else the first `shared/fixtures` found walking up from this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function find(): string {
  if (process.env.PORTFOLIO_FIXTURES && existsSync(process.env.PORTFOLIO_FIXTURES)) return process.env.PORTFOLIO_FIXTURES;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('shared/fixtures not found above the test folder; set PORTFOLIO_FIXTURES');
    dir = up;
  }
}

export const SHARED_FIXTURES = find();

export function fixtureText(provider: string, file: string): string {
  return readFileSync(join(SHARED_FIXTURES, provider, file), 'utf8');
}

export function fixtureJson<T = unknown>(provider: string, file: string): T {
  return JSON.parse(fixtureText(provider, file)) as T;
}
