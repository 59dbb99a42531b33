/**
 * Runs CLI commands in-process against a temp PORTFOLIO_HOME with a pinned clock, and finds the
 * shared import fixtures by walking up from this file to a folder holding `shared/fixtures`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { fixedClock } from '../../src/deps.js';
import { tempDir } from './tmp.js';

export function fixturesDir(): string {
  if (process.env.PORTFOLIO_FIXTURES) return process.env.PORTFOLIO_FIXTURES;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('no shared/fixtures folder above the tests (set PORTFOLIO_FIXTURES)');
    dir = up;
  }
}

export function importFixture(...parts: string[]): string {
  return join(fixturesDir(), 'import', ...parts);
}

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => out };
}

export interface Home {
  dir: string;
  run: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  json: <T = Record<string, unknown>>(args: string[]) => Promise<T>;
}

export function home(now = '2026-06-01T12:00:00Z', baseCurrency?: string): Home {
  const dir = tempDir();
  const env: NodeJS.ProcessEnv = { PORTFOLIO_HOME: dir, PORTFOLIO_PROVIDER: 'sim', NO_COLOR: '1' };
  const run = async (args: string[]) => {
    const out = sink();
    const err = sink();
    const code = await main(['node', 'portfolio', ...args], { env, clock: fixedClock(now), stdout: out.stream, stderr: err.stream });
    return { code, stdout: out.text(), stderr: err.text() };
  };
  if (baseCurrency) writeFileSync(join(dir, 'config.json'), JSON.stringify({ baseCurrency }), { mode: 0o600 });
  return {
    dir,
    run,
    json: async <T>(args: string[]) => {
      const r = await run([...args, '--json']);
      if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
  };
}
