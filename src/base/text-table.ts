/**
 * A plain box table drawn in time linear in its rows, with no recursion: widths from the rows
 * (or only the first `measure` of them, so a 100,000-row listing streams its first screen before
 * the rest is read), written in chunks instead of one string.
 * Every cell is sanitized here, so data from files or providers cannot reach the terminal raw.
 */
import { once } from 'node:events';
import { displayWidth, sanitize } from './sanitize.js';

export type Align = 'left' | 'right';
export type CellStyle = 'green' | 'red' | 'cyan';
export type Cell = string | number | null | undefined | { text: string; style?: CellStyle };

export interface TableSpec {
  head: readonly string[];
  align?: readonly Align[];
  /** Colour the head and styled cells (only when the caller decided colour is on). */
  color?: boolean;
}

const SGR: Record<CellStyle, [string, string]> = {
  green: ['\u001b[32m', '\u001b[39m'],
  red: ['\u001b[31m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
};

interface Prepared {
  text: string;
  width: number;
  style?: CellStyle;
}

function prepare(cell: Cell): Prepared {
  if (cell === null || cell === undefined) return { text: '', width: 0 };
  if (typeof cell === 'object') {
    const text = sanitize(cell.text);
    return { text, width: displayWidth(text), style: cell.style };
  }
  const text = sanitize(String(cell));
  return { text, width: displayWidth(text) };
}

export interface TableStream {
  /**
   * How many rows decide the column widths before the first line is written (default: all of
   * them). Past that the table streams: a later, wider cell is still printed whole and pushes the
   * rest of its own row right, so nothing is ever cut.
   */
  measure?: number;
  /** Least widths per column, e.g. from a cheap aggregate over rows not measured. */
  minWidths?: readonly (number | undefined)[];
}

/** Lines of the table, top border to bottom border, read from `rows` once and lazily. */
export function* tableLines(spec: TableSpec, rows: Iterable<readonly Cell[]>, stream: TableStream = {}): Generator<string> {
  const n = spec.head.length;
  const head = spec.head.map((h) => prepare(h));
  const widths = head.map((c, i) => Math.max(c.width, stream.minWidths?.[i] ?? 0));
  const measure = stream.measure ?? Number.POSITIVE_INFINITY;
  const prepareRow = (row: readonly Cell[]): Prepared[] => {
    const cells: Prepared[] = new Array<Prepared>(n);
    for (let i = 0; i < n; i++) cells[i] = prepare(row[i]);
    return cells;
  };
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: readonly Prepared[], headStyle?: CellStyle) => {
    let out = '│';
    for (let i = 0; i < n; i++) {
      const c = cells[i] as Prepared;
      const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - c.width));
      const style = c.style ?? headStyle;
      const text = spec.color && style ? `${SGR[style][0]}${c.text}${SGR[style][1]}` : c.text;
      out += spec.align?.[i] === 'right' ? ` ${pad}${text} │` : ` ${text}${pad} │`;
    }
    return out;
  };
  const iterator = rows[Symbol.iterator]();
  try {
    const first: Prepared[][] = [];
    let next = iterator.next();
    while (!next.done && first.length < measure) {
      const cells = prepareRow(next.value);
      for (let i = 0; i < n; i++) if ((cells[i] as Prepared).width > (widths[i] ?? 0)) widths[i] = (cells[i] as Prepared).width;
      first.push(cells);
      next = iterator.next();
    }
    yield rule('┌', '┬', '┐');
    yield line(head, 'cyan');
    yield rule('├', '┼', '┤');
    for (const cells of first) yield line(cells);
    first.length = 0;
    while (!next.done) {
      yield line(prepareRow(next.value));
      next = iterator.next();
    }
    yield rule('└', '┴', '┘');
  } finally {
    // A reader that stops early (an interrupt, a closed pipe) releases the rows' cursor.
    iterator.return?.();
  }
}

export function renderTable(spec: TableSpec, rows: Iterable<readonly Cell[]>): string {
  return [...tableLines(spec, rows)].join('\n');
}

export interface LineSink {
  write(chunk: string): unknown;
}

/** Writes lines in chunks of `chunk` lines (a screen's worth arrives before the rest is joined). */
export function writeLines(out: LineSink, lines: Iterable<string>, chunk = 256): void {
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= chunk) {
      out.write(`${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length > 0) out.write(`${buf.join('\n')}\n`);
}

/**
 * Like writeLines, but waits for the stream to drain and lets the event loop run between chunks,
 * so memory stays flat on a slow pipe and a signal (`signal`) stops the listing within a chunk.
 * Resolves to the number of lines written.
 */
export async function writeLinesAsync(out: NodeJS.WritableStream, lines: Iterable<string>, options: { chunk?: number; signal?: AbortSignal } = {}): Promise<number> {
  const chunk = options.chunk ?? 256;
  let buf: string[] = [];
  let written = 0;
  const flush = async () => {
    const ok = out.write(`${buf.join('\n')}\n`);
    written += buf.length;
    buf = [];
    if (!ok) await once(out, 'drain');
    else await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for (const l of lines) {
    if (options.signal?.aborted) return written;
    buf.push(l);
    if (buf.length >= chunk) await flush();
  }
  if (buf.length > 0 && !options.signal?.aborted) await flush();
  return written;
}

/**
 * A table built row by row (`new BoxTable({ head, colAligns }).push(row)`, then `toString()`), for
 * reports that assemble several small tables; drawn by tableLines like every other listing.
 */
export class BoxTable {
  private readonly rows: Cell[][] = [];
  private readonly spec: TableSpec;

  constructor(options: { head: readonly string[]; colAligns?: readonly Align[]; color?: boolean }) {
    this.spec = { head: options.head, align: options.colAligns, color: options.color };
  }

  push(...rows: readonly Cell[][]): void {
    for (const r of rows) this.rows.push([...r]);
  }

  toString(): string {
    return renderTable(this.spec, this.rows);
  }
}
