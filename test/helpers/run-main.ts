import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a pinned clock and captured streams (no real clock, no spawn). */
export async function runMain(args: readonly string[], home: string, now: string): Promise<MainResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  err.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await main(['node', 'portfolio', ...args], {
    env: { PORTFOLIO_HOME: home, NO_COLOR: '1' },
    clock: { now: () => new Date(now) },
    stdout: out as unknown as NodeJS.WriteStream,
    stderr: err as unknown as NodeJS.WriteStream,
  });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}
