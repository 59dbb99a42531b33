/**
 * Runs CLI commands in-process against a temp PORTFOLIO_HOME with a pinned clock (in-process.ts),
 * and names the shared import fixtures (shared-fixtures.ts finds the folder).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from './in-process.js';
import { SHARED_FIXTURES } from './shared-fixtures.js';
import { tempDir } from './tmp.js';

export function fixturesDir(): string {
  return SHARED_FIXTURES;
}

export function importFixture(...parts: string[]): string {
  return join(fixturesDir(), 'import', ...parts);
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
    const r = await runMain(args, { env, now });
    return { code: r.code ?? 1, stdout: r.stdout, stderr: r.stderr };
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
