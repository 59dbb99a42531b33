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
  const relaxed = options.relax_column_count ?? true;
  // The line number through on_record: `info: true` copies a whole info object per row (much slower).
  const onRecord = (record: string[], context: { lines: number }): CsvRecord => {
    // With relax_column_count, csv-parse (6.x) still builds and drops an error (stack trace, JSON
    // copies) for every record whose length differs from the FIRST record's; a Flex CSV's sections
    // differ in length, so that was most of its parse time. With its count of records at 0, each
    // record is measured against itself instead. The count is used for nothing else here (no from/to).
    if (relaxed) (parser.info as { records: number }).records = 0;
    return { record, info: { lines: context.lines } };
  };
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
