/**
 * Runs the CLI in this process through main(argv, options), with collected streams and a frozen
 * clock: the same commands as test/helpers/cli.ts's runCli without paying a Node start-up per call.
 * Keep the binary for smoke tests (test/cli/program.test.ts) and pseudo-terminal tests.
 */
import { PassThrough, Writable } from 'node:stream';
import { main, type MainOptions as CliOptions } from '../../src/cli/main.js';
import { fixedClock, type Clock } from '../../src/deps.js';
import type { RunResult } from './cli.js';

export type MainResult = RunResult;

export interface MainOptions extends Omit<CliOptions, 'env' | 'clock' | 'stdout' | 'stderr' | 'stdin' | 'signal'> {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Default: frozen at `now`, else env.PORTFOLIO_NOW, else NOW_DEFAULT. Never the wall clock. */
  clock?: Clock;
  /** An ISO instant to freeze the clock at. */
  now?: string;
}

/** A default instant for tests that do not care: a Wednesday with the US market open. */
export const NOW_DEFAULT = '2025-03-12T15:00:00Z';

/** A clock frozen at an instant (no test reads the real one). */
export const pinned = (iso: string): Clock => fixedClock(iso);

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
  const { env: givenEnv, input, clock: givenClock, now, ...rest } = options;
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', LANG: 'C.UTF-8', HOME: process.env.HOME, ...givenEnv };
  const clock = givenClock ?? fixedClock(now ?? env.PORTFOLIO_NOW ?? NOW_DEFAULT);
  const out = sink();
  const err = sink();
  const stdin = new PassThrough();
  stdin.end(input ?? '');
  const code = await main(['node', 'portfolio', ...args], {
    ...rest,
    env,
    clock,
    stdout: out.stream,
    stderr: err.stream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
