/**
 * Decodes a byte stream as UTF-8 and fails on the first invalid sequence instead of turning it
 * into U+FFFD: a Latin-1 / Windows-1252 export would otherwise import "Société" as "Soci�t�".
 */
import { Transform } from 'node:stream';
import { InputError } from '../base/errors.js';

export function strictUtf8(name: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const fail = (chunk: Buffer | null): Error =>
    new InputError(
      `${name}: not UTF-8 text (an invalid byte ${chunk ? `after byte ${offset.toLocaleString('en-US')}` : 'at the end'}); it looks like Latin-1 / Windows-1252. ` +
        'Save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and import again; nothing was imported',
    );
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        done(null, text);
      } catch {
        done(fail(chunk));
      }
    },
    flush(done) {
      try {
        const text = decoder.decode();
        done(null, text);
      } catch {
        done(fail(null));
      }
    },
  });
}
