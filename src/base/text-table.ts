/**
 * A plain box table drawn in time linear in its rows: one pass for column widths, one to write,
 * no recursion, written in chunks so a 200,000-row listing streams instead of building one string.
 * Every cell is sanitized here, so data from files or providers cannot reach the terminal raw.
 */
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

/** Lines of the table, top border to bottom border. */
export function* tableLines(spec: TableSpec, rows: Iterable<readonly Cell[]>): Generator<string> {
  const n = spec.head.length;
  const head = spec.head.map((h) => prepare(h));
  const widths = head.map((c) => c.width);
  const body: Prepared[][] = [];
  for (const row of rows) {
    const cells: Prepared[] = new Array<Prepared>(n);
    for (let i = 0; i < n; i++) {
      const p = prepare(row[i]);
      cells[i] = p;
      if (p.width > (widths[i] ?? 0)) widths[i] = p.width;
    }
    body.push(cells);
  }
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: readonly Prepared[], headStyle?: CellStyle) => {
    let out = '│';
    for (let i = 0; i < n; i++) {
      const c = cells[i] as Prepared;
      const pad = ' '.repeat((widths[i] ?? 0) - c.width);
      const style = c.style ?? headStyle;
      const text = spec.color && style ? `${SGR[style][0]}${c.text}${SGR[style][1]}` : c.text;
      out += spec.align?.[i] === 'right' ? ` ${pad}${text} │` : ` ${text}${pad} │`;
    }
    return out;
  };
  yield rule('┌', '┬', '┐');
  yield line(head, 'cyan');
  yield rule('├', '┼', '┤');
  for (const cells of body) yield line(cells);
  yield rule('└', '┴', '┘');
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
