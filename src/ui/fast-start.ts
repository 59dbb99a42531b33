/**
 * The dashboard's fast path from bin/portfolio.js: `portfolio`, `portfolio dashboard`, with
 * `--offline` and `--db FILE`, skip commander and every other command module (~15 ms) so the first
 * frame paints sooner. Anything else (help, other commands, unknown options) returns null and
 * takes the normal commander path, which runs the same dashboard.
 */
import { handleError } from '../base/errors.js';
import { createDeps } from '../deps.js';

interface FastArgs {
  offline: boolean;
  db?: string;
}

export function parseFastArgs(args: readonly string[]): FastArgs | null {
  const out: FastArgs = { offline: false };
  let sawCommand = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === 'dashboard' && !sawCommand) sawCommand = true;
    else if (a === '--offline') out.offline = true;
    else if (a === '--db' && i + 1 < args.length && !(args[i + 1] as string).startsWith('-')) out.db = args[++i];
    else if (a.startsWith('--db=') && a.length > 5) out.db = a.slice(5);
    else return null;
  }
  return out;
}

/** Runs the dashboard when argv is a plain dashboard call; null means "use the full CLI". */
export async function fastDashboard(argv: readonly string[]): Promise<number | null> {
  const parsed = parseFastArgs(argv.slice(2));
  if (!parsed) return null;
  const deps = createDeps();
  deps.stdout.on?.('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  try {
    deps.setDbOverride(parsed.db);
    const { runDashboard } = await import('./run-dashboard.js');
    await runDashboard(deps, { offline: parsed.offline });
    return deps.exitCode;
  } catch (err) {
    return handleError(err, deps.stderr, deps.env);
  } finally {
    deps.close();
  }
}
