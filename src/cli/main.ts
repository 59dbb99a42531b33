import { createDeps, type DepsOptions } from '../deps.js';
import { handleError } from '../base/errors.js';
import { createProgram } from './program.js';
import { Interrupt, processSignals, topLevelName, type SignalSource } from './interrupt.js';

export interface MainOptions extends DepsOptions {
  /** Where SIGINT/SIGTERM come from (tests raise their own; default: the process). */
  signals?: SignalSource;
}

/** Runs the CLI and resolves to the process exit code; never throws. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const { signals, ...depsOptions } = options;
  const interrupt = new Interrupt(signals ?? processSignals);
  const deps = createDeps({ ...depsOptions, signal: interrupt.signal });
  // `portfolio export | head` closes the pipe early: that is not an error.
  deps.stdout.on?.('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  try {
    const program = createProgram(deps);
    program.hook('preAction', (_program, action) => interrupt.startFor(topLevelName(action)));
    await program.parseAsync([...argv]);
    return stopped(interrupt, deps.stderr) ?? deps.exitCode;
  } catch (err) {
    // The abort's own rejection says nothing new; any other error is still worth its line.
    if (interrupt.received && (err === interrupt.signal.reason || isAbortLike(err))) return stopped(interrupt, deps.stderr) as number;
    const code = handleError(err, deps.stderr, deps.env);
    return stopped(interrupt, deps.stderr) ?? code;
  } finally {
    interrupt.stop();
    deps.close();
  }
}

function stopped(interrupt: Interrupt, stderr: NodeJS.WritableStream): number | null {
  const code = interrupt.exitCode();
  if (code !== null) stderr.write(`portfolio: stopped by ${interrupt.received}\n`);
  return code;
}

function isAbortLike(err: unknown): boolean {
  const e = err as { name?: unknown; kind?: unknown } | null;
  return e?.name === 'AbortError' || e?.kind === 'aborted';
}
