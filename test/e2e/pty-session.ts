/** Runs the built binary in a pseudo-terminal and waits for text on its screen (ANSI stripped). */
import pty from 'node-pty';
import { assertFreshDist, BIN, clockEnv } from '../helpers/cli.js';

export interface PtySession {
  output(): string;
  raw(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<number>;
  write(data: string): void;
  exited(timeoutMs?: number): Promise<{ exitCode: number; at: number }>;
  kill(): void;
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][A-Z0-9]/g, '');
}

export function spawnPortfolio(args: string[], env: NodeJS.ProcessEnv, size = { cols: 120, rows: 40 }): PtySession {
  assertFreshDist();
  const p = pty.spawn(process.execPath, [BIN, ...args], {
    cols: size.cols,
    rows: size.rows,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...clockEnv(), ...env },
  });
  let raw = '';
  let exit: { exitCode: number; at: number } | null = null;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  p.onData((d) => {
    raw += d;
    notify();
  });
  p.onExit(({ exitCode }) => {
    exit = { exitCode, at: Date.now() };
    // The last output can be read after the exit event.
    setTimeout(notify, 100);
    notify();
  });
  const until = <T>(check: () => T | null, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const tryIt = () => {
        const v = check();
        if (v !== null) {
          waiters.delete(tryIt);
          clearTimeout(timer);
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(tryIt);
        reject(new Error(`timed out waiting for ${what}; screen so far:\n${stripAnsi(raw).slice(-3000)}`));
      }, timeoutMs);
      waiters.add(tryIt);
      tryIt();
    });
  return {
    output: () => stripAnsi(raw),
    raw: () => raw,
    waitFor(text, timeoutMs = 20_000) {
      return until(() => {
        const out = stripAnsi(raw);
        return (typeof text === 'string' ? out.includes(text) : text.test(out)) ? Date.now() : null;
      }, String(text), timeoutMs);
    },
    write: (data) => p.write(data),
    exited(timeoutMs = 20_000) {
      return until(() => exit, 'exit', timeoutMs);
    },
    kill: () => {
      if (!exit) p.kill('SIGKILL');
    },
  };
}
