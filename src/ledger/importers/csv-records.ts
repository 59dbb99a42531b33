/**
 * CSV rows of a text streamed in chunks (csv-parse's stream parser), handed on in batches: one
 * await per chunk rather than per row, which matters at 100,000 rows.
 */
import { parse, type Options } from 'csv-parse';
import { InputError } from '../../base/errors.js';

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export async function* csvRecords(chunks: AsyncIterable<string>, options: Options = {}): AsyncGenerator<CsvRecord> {
  // The line number through on_record: `info: true` copies a whole info object per row (much slower).
  const onRecord = (record: string[], context: { lines: number }): CsvRecord => ({ record, info: { lines: context.lines } });
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, ...options, on_record: onRecord as unknown as Options['on_record'] });
  const ready: CsvRecord[] = [];
  let failure: Error | null = null;
  let ended = false;
  parser.on('data', (r: CsvRecord) => ready.push(r));
  parser.on('error', (err: Error) => (failure = err instanceof InputError ? err : new InputError(`not valid CSV: ${err.message}; nothing was imported`)));
  const done = new Promise<void>((resolve) => {
    parser.on('end', () => resolve());
    parser.on('error', () => resolve());
  });
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      // Rows of this chunk arrive on the next ticks; those of earlier chunks are ready now.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure) throw failure;
      yield* ready.splice(0);
    }
    parser.end();
    ended = true;
    await done;
    if (failure) throw failure;
    yield* ready.splice(0);
  } finally {
    if (!ended) parser.destroy();
  }
}
