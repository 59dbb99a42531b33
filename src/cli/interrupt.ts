/**
 * The one place a signal becomes an abort. While a command runs, SIGINT or SIGTERM aborts
 * `deps.signal`: long commands stop at their next safe point, print what they did, close what they
 * opened and return; main() then exits 130 (SIGINT) or 143 (SIGTERM), 128 plus the signal's
 * number as shells expect. A command that does not return within a second of the signal, or a
 * second signal, ends the process with that code anyway (the process source only). The daemon
 * and the dashboard keep their own handlers (the daemon's stop is exit 0 by contract).
 */

export type SignalName = 'SIGINT' | 'SIGTERM';

export const SIGNAL_EXIT: Record<SignalName, number> = { SIGINT: 130, SIGTERM: 143 };

/** Commands that handle signals themselves. */
const OWN_HANDLERS = new Set(['daemon', 'dashboard', 'demo']);

/** Where signals come from: the process, or a test that raises them itself. */
export interface SignalSource {
  /** Calls `on` for each signal until the returned function is called. */
  listen(on: (signal: SignalName) => void): () => void;
  /** Ends the process with `code` after `ms` unless it has ended (the process source only). */
  failsafe?(code: number, ms: number): void;
}

export const processSignals: SignalSource = {
  listen(on) {
    const onInt = () => on('SIGINT');
    const onTerm = () => on('SIGTERM');
    // `on`, not `once`: ora's signal-exit kills the process when it sees itself as the last SIGINT listener.
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  },
  failsafe(code, ms) {
    if (ms <= 0) process.exit(code);
    setTimeout(() => process.exit(code), ms).unref();
  },
};

/** An abort's reason: which signal stopped the command. */
export class Interrupted extends Error {
  constructor(readonly signal: SignalName) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

export class Interrupt {
  private readonly controller = new AbortController();
  private stopListening: (() => void) | null = null;
  received: SignalName | null = null;

  constructor(private readonly source: SignalSource, private readonly graceMs = 1000) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Listens for signals while `command` (a top-level command name) runs, unless it has its own handlers. */
  startFor(command: string): void {
    if (OWN_HANDLERS.has(command) || this.stopListening) return;
    this.stopListening = this.source.listen((s) => this.on(s));
  }

  private on(signal: SignalName): void {
    if (this.received) {
      this.source.failsafe?.(SIGNAL_EXIT[this.received], 0);
      return;
    }
    this.received = signal;
    this.controller.abort(new Interrupted(signal));
    this.source.failsafe?.(SIGNAL_EXIT[signal], this.graceMs);
  }

  /** The exit code a signal imposes, or null when none came. */
  exitCode(): number | null {
    return this.received ? SIGNAL_EXIT[this.received] : null;
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }
}

/** The top-level command an action belongs to (`alert` for `alert add`). */
export function topLevelName(cmd: { name(): string; parent: unknown }): string {
  let c = cmd as { name(): string; parent: { parent: unknown } | null };
  while (c.parent && c.parent.parent) c = c.parent as typeof c;
  return c.name();
}
