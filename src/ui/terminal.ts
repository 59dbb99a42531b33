/** Terminal hand-over between the plain first frame and Ink, and its restoration on exit. */

/** Alternate screen, cursor home, clear, hide cursor: the dashboard owns the screen until quit. */
export const ENTER_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';
/** Show the cursor and return to the user's screen as it was. */
export const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

/** Erases `count` lines upwards from the cursor's line (what Ink itself does between frames). */
export function eraseLines(count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += `\x1b[2K${i < count - 1 ? '\x1b[1A' : ''}`;
  return count > 0 ? `${s}\x1b[G` : s;
}

/**
 * A view of stdout for Ink whose first frame write also erases the plain frame already on screen,
 * in the same write: the screen goes from one frame to the next without a blank in between.
 */
export function takeoverStream(out: NodeJS.WriteStream, plainLines: number): NodeJS.WriteStream {
  let pending = plainLines > 0;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (pending && typeof chunk === 'string' && chunk.includes('\n')) {
      pending = false;
      return (out.write as (...a: unknown[]) => boolean)(eraseLines(plainLines + 1) + chunk, ...rest);
    }
    return (out.write as (...a: unknown[]) => boolean)(chunk, ...rest);
  };
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export interface EarlyKeys {
  /** Stops listening and puts back any other keys typed meanwhile, for Ink to read. */
  release(): void;
}

/**
 * Between the plain first frame and Ink's mount (a few hundred ms of module loading), q and
 * Ctrl-C must already quit: listen in raw mode and call `quit` at once.
 */
export function listenEarlyKeys(stdin: NodeJS.ReadStream, quit: () => void): EarlyKeys {
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return { release() {} };
  const typed: Buffer[] = [];
  // 'readable' + read(), like Ink: the stream never enters flowing mode, so Ink takes over cleanly.
  const onReadable = () => {
    let chunk: Buffer | string | null;
    while ((chunk = stdin.read() as Buffer | string | null) !== null) {
      const text = chunk.toString();
      if (text.includes('q') || text.includes('\x03')) quit();
      else typed.push(Buffer.from(text));
    }
  };
  stdin.setRawMode(true);
  stdin.on('readable', onReadable);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      stdin.off('readable', onReadable);
      if (typed.length > 0) stdin.unshift(Buffer.concat(typed));
    },
  };
}
