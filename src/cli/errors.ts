/** Exit codes fixed by the contract. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  tempFailure: 75,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that carries a message meant for the user and the exit code it maps to. */
export class AppError extends Error {
  readonly exitCode: ExitCode;
  /** Extra lines printed after the message (e.g. every CSV error). */
  readonly details: readonly string[];
  constructor(message: string, options: { exitCode?: ExitCode; details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.exitCode = options.exitCode ?? EXIT.failure;
    this.details = options.details ?? [];
  }
}

/** Bad user input: exit 1. */
export class InputError extends AppError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, { exitCode: EXIT.failure, details });
    this.name = 'InputError';
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends AppError {
  constructor(message: string) {
    super(message, { exitCode: EXIT.usage });
    this.name = 'UsageError';
  }
}

/** Provider unreachable or refusing; cached data kept; safe to retry: exit 75. */
export class TempFailureError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.tempFailure, ...options });
    this.name = 'TempFailureError';
  }
}

/** Removes anything that looks like a secret (crumbs, cookies, API keys) from text meant for logs or users. */
export function redact(text: string): string {
  return text
    .replace(/([?&](?:crumb|apikey|api_key|token|key)=)[^&\s"']+/gi, '$1***')
    .replace(/((?:cookie|set-cookie|authorization)\s*[:=]\s*)[^\n\r]+/gi, '$1***');
}

/**
 * The one error funnel: prints one clear line (plus details) on stderr and returns the exit code.
 * Unknown errors are internal failures; their stack is shown only with PORTFOLIO_DEBUG=1.
 */
export function handleError(err: unknown, stderr: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): ExitCode {
  if (err instanceof AppError) {
    stderr.write(`portfolio: ${redact(err.message)}\n`);
    for (const line of err.details) stderr.write(`${redact(line)}\n`);
    return err.exitCode;
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander already printed its message.
    const exitCode = (err as { exitCode?: number }).exitCode;
    return exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (typeof code === 'string' && (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')) {
    stderr.write('portfolio: the database is busy (another portfolio process holds it); try again in a moment\n');
    return EXIT.tempFailure;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`portfolio: internal error: ${redact(message)}\n`);
  if (env.PORTFOLIO_DEBUG === '1' && err instanceof Error && err.stack) stderr.write(`${redact(err.stack)}\n`);
  return EXIT.failure;
}
