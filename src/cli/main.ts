import { createDeps, type DepsOptions } from '../deps.js';
import { handleError } from '../base/errors.js';
import { createProgram } from './program.js';

/** Runs the CLI and resolves to the process exit code; never throws. */
export async function main(argv: readonly string[], options: DepsOptions = {}): Promise<number> {
  const deps = createDeps(options);
  // `portfolio export | head` closes the pipe early: that is not an error.
  deps.stdout.on?.('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  try {
    const program = createProgram(deps);
    await program.parseAsync([...argv]);
    return deps.exitCode;
  } catch (err) {
    return handleError(err, deps.stderr, deps.env);
  } finally {
    deps.close();
  }
}
