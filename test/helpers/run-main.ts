/** Runs the CLI in-process through main(argv, options) with captured output and a pinned clock. */
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => out };
}

export async function runMain(argv: readonly string[], env: NodeJS.ProcessEnv, now: string | (() => Date)): Promise<MainResult> {
  const out = sink();
  const err = sink();
  const clock = { now: typeof now === 'string' ? () => new Date(now) : now };
  const code = await main(['node', 'portfolio', ...argv], { env: { NO_COLOR: '1', ...env }, clock, stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}
