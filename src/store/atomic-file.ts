/**
 * Writes a file so that it is either the old one or the complete new one: the text goes to a
 * temporary file in the same folder (same file system, so rename is atomic), flushed to disk, then
 * renamed over the target. An interrupted or failed write leaves the old file as it was.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export type Write = (text: string) => Promise<void>;

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomically<T>(path: string, fill: (write: Write) => Promise<T>): Promise<T> {
  const temp = tempPathFor(path);
  const out = createWriteStream(temp, { mode: 0o600, flags: 'wx', flush: true });
  const cleanup = () => rmSync(temp, { force: true });
  process.once('exit', cleanup);
  let failure: Error | undefined;
  out.on('error', (err) => (failure ??= err));
  try {
    await once(out, 'open');
    const result = await fill(async (text) => {
      if (failure) throw failure;
      if (!out.write(text)) await drainOrError(out);
      if (failure) throw failure;
    });
    out.end();
    await once(out, 'close');
    if (failure) throw failure;
    renameSync(temp, path);
    return result;
  } catch (err) {
    out.destroy();
    cleanup();
    throw err;
  } finally {
    process.removeListener('exit', cleanup);
  }
}

/** Waits for `drain` or `error`, removing both listeners after (a race of two `once`s leaves one behind per chunk). */
function drainOrError(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('error', done);
  });
}
