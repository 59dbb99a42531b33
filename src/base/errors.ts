import { sanitizeLines } from './sanitize.js';

/** Exit codes fixed by the contract. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  tempFailure: 75,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// The dashboard's first frame runs from a bundle (dist/ui/first-frame.cjs) that carries its own
// copy of this module, while code loaded later (Ink app, market) uses dist/base/errors.js. So that
// `instanceof` holds across both copies, each error records the kinds of its class chain under a
// registry symbol and the classes test for that as well as for their own prototype.
const KINDS = Symbol.for('portfolio.error-kinds');

function kindsOf(ctor: object | null): string[] {
  const kinds: string[] = [];
  for (let c = ctor; c !== null && typeof c === 'function'; c = Object.getPrototypeOf(c) as object | null) {
    const kind: unknown = Object.hasOwn(c, 'kind') ? (c as { kind?: unknown }).kind : undefined;
    if (typeof kind === 'string') kinds.push(kind);
  }
  return kinds;
}

/** An error that carries a message meant for the user and the exit code it maps to. */
export class AppError extends Error {
  /** The class's name, which also names its instances; it survives bundling (a bundler may rename class bindings). */
  static readonly kind: string = 'AppError';
  readonly exitCode: ExitCode;
  /** Extra lines printed after the message (e.g. every CSV error). */
  readonly details: readonly string[];
  declare readonly [KINDS]: readonly string[];
  constructor(message: string, options: { exitCode?: ExitCode; details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = (new.target as typeof AppError).kind;
    this.exitCode = options.exitCode ?? EXIT.failure;
    this.details = options.details ?? [];
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target) });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    return Array.isArray(kinds) && Object.hasOwn(this, 'kind') && kinds.includes((this as unknown as { kind: string }).kind);
  }
}

/** Bad user input: exit 1. */
export class InputError extends AppError {
  static override readonly kind: string = 'InputError';
  constructor(message: string, details: readonly string[] = []) {
    super(message, { exitCode: EXIT.failure, details });
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends AppError {
  static override readonly kind: string = 'UsageError';
  constructor(message: string) {
    super(message, { exitCode: EXIT.usage });
  }
}

/** Provider unreachable or refusing; cached data kept; safe to retry: exit 75. */
export class TempFailureError extends AppError {
  static override readonly kind: string = 'TempFailureError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.tempFailure, ...options });
  }
}

/** Removes anything that looks like a secret (crumbs, cookies, API keys) from text meant for logs or users. */
export function redact(text: string): string {
  return text
    .replace(/([?&](?:crumb|key)=)[^&\s"']+/gi, '$1***')
    .replace(/(\b(?:apikey|api_key|token|x_cg_demo_api_key|x_cg_pro_api_key)=)[^&\s"']+/gi, '$1***')
    .replace(/("(?:apiKey|api_key|apikey|token)"\s*:\s*")[^"]*/gi, '$1***')
    .replace(/((?:cookie|set-cookie|authorization|x-cg-demo-api-key|x-cg-pro-api-key)\s*[:=]\s*)[^\n\r]+/gi, '$1***');
}

/**
 * The one error funnel: prints one clear line (plus details) on stderr and returns the exit code.
 * Unknown errors are internal failures; their stack is shown only with PORTFOLIO_DEBUG=1.
 */
export function handleError(err: unknown, stderr: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): ExitCode {
  if (err instanceof AppError) {
    stderr.write(`portfolio: ${sanitizeLines(redact(err.message))}\n`);
    for (const line of err.details) stderr.write(`${sanitizeLines(redact(line))}\n`);
    return err.exitCode;
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander already printed its message.
    const exitCode = (err as { exitCode?: number }).exitCode;
    return exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  // Extended codes too (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED_SHAREDCACHE...).
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) {
    stderr.write('portfolio: the database is busy (another process held its lock longer than portfolio waits); try again in a moment\n');
    return EXIT.tempFailure;
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
    stderr.write('portfolio: the database is read-only here (file or folder not writable): this command needs to write to it\n');
    return EXIT.failure;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`portfolio: internal error: ${sanitizeLines(redact(message))}\n`);
  if (env.PORTFOLIO_DEBUG === '1' && err instanceof Error && err.stack) stderr.write(`${redact(err.stack)}\n`);
  return EXIT.failure;
}
