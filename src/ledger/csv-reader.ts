/**
 * Streams a CSV file as header-keyed rows with their line numbers: BOM and CRLF accepted, header
 * names case-insensitive and in any order, unknown or duplicate columns refused. csv-parse is
 * loaded lazily so that commands which never read CSV do not pay for it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../base/errors.js';
import { excerpt } from '../base/sanitize.js';
import { unescapeCell } from '../core/csv-cells.js';
import { strictUtf8 } from './strict-utf8.js';
import type { Options } from 'csv-parse';

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface CsvSpec {
  /** Shown in messages, e.g. the path the user typed. */
  name: string;
  columns: readonly string[];
  required: readonly string[];
}

/** No ledger row is anywhere near this long; csv-parse slows down badly on huge fields. */
const MAX_RECORD_BYTES = 1_000_000;

/** Yields data rows; a row whose cell count differs from the header is yielded with `error`. */
export async function* readCsv(path: string, spec: CsvSpec): AsyncGenerator<CsvRow & { error?: string }> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
  } catch (err) {
    throw new InputError(`cannot read ${spec.name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const { parse } = await import('csv-parse');
  const utf8 = strictUtf8(spec.name);
  // The line number through on_record: `info: true` copies csv-parse's whole info object per row (much slower).
  const onRecord = (record: string[], context: { lines: number }) => ({ record, info: { lines: context.lines } });
  const parser = createReadStream(path)
    .pipe(utf8)
    .pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES, on_record: onRecord as unknown as Options['on_record'] }));
  // pipe() does not forward errors: an encoding error must end the loop below.
  utf8.on('error', (err) => parser.destroy(err));
  let header: string[] | null = null;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (header === null) {
        header = checkHeader(record, spec);
        continue;
      }
      if (record.length !== header.length) {
        yield { line: info.lines, cells: {}, error: `has ${record.length} cells but the header has ${header.length}` };
        continue;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) cells[header[i] as string] = unescapeCell(record[i] ?? '');
      yield { line: info.lines, cells };
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const lines = (err as { lines?: number }).lines;
    throw new InputError(`${spec.name}${lines ? `:${lines}` : ''}: not valid CSV: ${(err as Error).message}; nothing was imported`);
  } finally {
    parser.destroy();
  }
  if (header === null) {
    throw new InputError(`${spec.name}: the file is empty; expected a header row such as ${spec.columns.join(',')}; nothing was imported`);
  }
}

function checkHeader(record: string[], spec: CsvSpec): string[] {
  const names = record.map((h) => h.trim().toLowerCase());
  const only = names.length === 1 ? (names[0] ?? '') : '';
  const sep = only.includes(';') ? ';' : only.includes('\t') ? 'a tab' : null;
  if (sep) {
    throw new InputError(`${spec.name}: bad header; nothing was imported`, [
      `${spec.name}:1: header: columns are separated by ${sep === ';' ? '";"' : sep}; this format needs commas (${spec.columns.join(',')})`,
    ]);
  }
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (!spec.columns.includes(n)) errors.push(`${spec.name}:1: ${excerpt(n) || '(empty)'}: unknown column (expected some of ${spec.columns.join(',')})`);
    else if (seen.has(n)) errors.push(`${spec.name}:1: ${excerpt(n)}: column appears twice`);
    seen.add(n);
  }
  for (const r of spec.required) if (!seen.has(r)) errors.push(`${spec.name}:1: ${r}: required column missing`);
  if (errors.length > 0) throw new InputError(`${spec.name}: bad header; nothing was imported`, errors);
  return names;
}
