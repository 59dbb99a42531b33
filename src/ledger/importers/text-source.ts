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
