import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/portfolio.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

let checked = false;
/**
 * Refuses to test old code: the binary runs dist/, so dist/ must be newer than every file in src/.
 * `npm test` builds first; `npm run test:unit` and `npx vitest` do not.
 */
export function assertFreshDist(): void {
  if (checked) return;
  let built: number;
  try {
    built = statSync(join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs;
  } catch {
    throw new Error('dist/ is missing: run `npm run build` (npm test does) before the tests that spawn the binary');
  }
  const source = newestMtime(join(ROOT, 'src'));
  if (source > built) {
    throw new Error(`dist/ is older than src/ (a source file changed ${Math.round((source - built) / 1000)} s after the last build): run \`npm run build\` (npm test does) so the binary tests do not test old code`);
  }
  checked = true;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/**
 * Runs the built binary (`npm run build` first: `npm test` does) as a user would, with a clean
 * environment: no colour, no inherited PORTFOLIO_* or XDG settings unless given.
 */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  assertFreshDist();
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', LANG: 'C.UTF-8', ...clockEnv() };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...base, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`portfolio ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The moved clock of .ci/any-hour.sh (libfaketime through LD_PRELOAD, and TZ) reaches the binaries
 * the tests start, so a binary test that forgets PORTFOLIO_NOW fails there too.
 */
export function clockEnv(): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'LD_PRELOAD' || k === 'TZ' || k.startsWith('FAKETIME')) out[k] = v;
  }
  // libfaketime's '@' form starts each process's clock at that instant: hand the child this
  // process's moved time instead (local time, as libfaketime reads it), so both clocks agree.
  if (out.FAKETIME?.startsWith('@')) {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    out.FAKETIME = `@${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }
  return out;
}
