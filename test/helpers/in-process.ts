/**
 * Runs the CLI in this process through main(argv, options), with collected streams and a frozen
 * clock: the same commands as test/helpers/cli.ts's runCli without paying a Node start-up per call.
 * Keep the binary for smoke tests (test/cli/program.test.ts) and pseudo-terminal tests.
 */
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { fixedClock, type Clock } from '../../src/deps.js';
import type { RunResult } from './cli.js';

export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Default: frozen at env.PORTFOLIO_NOW when given, else at NOW_DEFAULT. Never the wall clock. */
  clock?: Clock;
}

/** A default instant for tests that do not care: a Wednesday with the US market open. */
export const NOW_DEFAULT = '2025-03-12T15:00:00Z';

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

/** argv without the node and script entries (main() gets them from the launcher). */
export async function runMain(args: readonly string[], options: MainOptions = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', LANG: 'C.UTF-8', HOME: process.env.HOME, ...options.env };
  const clock = options.clock ?? fixedClock(env.PORTFOLIO_NOW ?? NOW_DEFAULT);
  const out = sink();
  const err = sink();
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const code = await main(['node', 'portfolio', ...args], {
    env,
    clock,
    stdout: out.stream,
    stderr: err.stream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
