import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { Clock, DepsOptions } from '../../src/deps.js';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A pinned clock (no test reads the real one). */
export function pinned(iso: string): Clock {
  const t = Date.parse(iso);
  return { now: () => new Date(t) };
}

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (d: Buffer | string) => chunks.push(String(d)));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

/** Runs `portfolio ARGS` in-process through main(), with captured streams and a pinned clock. */
export async function runMain(args: readonly string[], options: { env: NodeJS.ProcessEnv; now: string } & Omit<DepsOptions, 'env' | 'clock'>): Promise<MainResult> {
  const out = sink();
  const err = sink();
  const { now, ...rest } = options;
  const code = await main(['node', 'portfolio', ...args], { ...rest, clock: pinned(now), stdout: out.stream, stderr: err.stream });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.text(), stderr: err.text() };
}
