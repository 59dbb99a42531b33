/**
 * A file's text as a stream of chunks (strict UTF-8), reopenable for a second pass; and the same
 * for a string (tests, small files). Parsers read these chunk by chunk, never the whole file.
 */
import { createReadStream } from 'node:fs';
import { strictUtf8 } from '../strict-utf8.js';
import type { TextSource } from './types.js';

export function fileText(path: string, name: string): TextSource {
  return async function* () {
    const utf8 = strictUtf8(name);
    utf8.setEncoding('utf8');
    const file = createReadStream(path, { highWaterMark: 256 * 1024 });
    // pipe() does not forward errors: a read error must end the loop below.
    file.on('error', (err) => utf8.destroy(err));
    file.pipe(utf8);
    try {
      for await (const chunk of utf8) yield chunk as string;
    } finally {
      file.destroy();
      utf8.destroy();
    }
  };
}

export function stringText(text: string, chunkSize = 64 * 1024): TextSource {
  return async function* () {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  };
}

/**
 * Reads a source until it ends or passes `limit` characters: `text` when it ended within the
 * limit (the whole text), else `chunks`, which yields the chunks read so far and then the rest.
 */
export async function readUpTo(source: TextSource, limit: number): Promise<{ text: string } | { chunks: AsyncIterable<string> }> {
  const it = source()[Symbol.asyncIterator]();
  const held: string[] = [];
  let size = 0;
  for (;;) {
    const next = await it.next();
    if (next.done) return { text: held.join('') };
    held.push(next.value);
    size += next.value.length;
    if (size > limit) break;
  }
  return {
    chunks: (async function* () {
      yield* held.splice(0);
      try {
        for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
      } finally {
        await it.return?.();
      }
    })(),
  };
}
