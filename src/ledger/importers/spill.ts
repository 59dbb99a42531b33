/**
 * Records of a first pass written to a temporary file as JSON lines and read back for the second,
 * so a format that is slow to parse (CSV) is parsed once and still never held in memory.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const FLUSH_AT = 256 * 1024;

export class Spill<T> {
  private constructor(
    private readonly dir: string,
    private readonly file: WriteStream,
  ) {}

  static async create<T>(): Promise<Spill<T>> {
    const dir = await mkdtemp(join(tmpdir(), 'portfolio-import-'));
    return new Spill<T>(dir, createWriteStream(join(dir, 'records.jsonl'), { mode: 0o600 }));
  }

  /** Passes the items on unchanged, writing each to the file. */
  async *tee(items: AsyncIterable<T>): AsyncGenerator<T> {
    let buffer = '';
    const flush = async () => {
      if (buffer !== '' && !this.file.write(buffer)) await once(this.file, 'drain');
      buffer = '';
    };
    for await (const item of items) {
      buffer += `${JSON.stringify(item)}\n`;
      if (buffer.length >= FLUSH_AT) await flush();
      yield item;
    }
    await flush();
    this.file.end();
    await once(this.file, 'finish');
  }

  /** The items written by `tee`, in order (call after it ended). */
  async *replay(): AsyncGenerator<T> {
    const lines = createInterface({ input: createReadStream(join(this.dir, 'records.jsonl')), crlfDelay: Infinity });
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as T;
  }

  async dispose(): Promise<void> {
    this.file.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
