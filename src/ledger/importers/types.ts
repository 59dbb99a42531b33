/**
 * What every importer returns: our CSV cells per source record (validated later by the same path
 * as `import FILE.csv`), the records it refused, and notes on records it skipped on purpose.
 */
import type { SourceRecord } from '../import-csv.js';

export type { SourceRecord };

export interface ParseContext {
  /** Today (YYYY-MM-DD): later-dated records are drafts and are skipped. */
  today: string;
  /** ISIN -> our symbol when known (search/OpenFIGI when online); null when not. */
  resolveIsin?: (isin: string) => string | null;
  /** `--account`: the account for every row (default: the file's own account, or the tool's name). */
  account?: string;
}

export interface ParsedFile {
  format: string;
  records: SourceRecord[];
  warnings: string[];
}

/** Collects records, warnings and the source ids seen (a file may list one event twice). */
export class Collector {
  readonly records: SourceRecord[] = [];
  readonly warnings: string[] = [];
  private readonly keys = new Set<string>();
  constructor(readonly format: string) {}
  /** `line` orders the records in messages; each record gets its own ordinal (one source line can make several rows). */
  add(_line: number, where: string, cells: Record<string, string | number | null | undefined>, key?: string): void {
    if (key !== undefined) {
      if (this.keys.has(key)) return;
      this.keys.add(key);
    }
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(cells)) if (v !== undefined && v !== null && v !== '') text[k] = typeof v === 'number' ? plain(v) : v;
    this.records.push({ line: this.records.length + 1, where, cells: text, ...(key !== undefined ? { key } : {}) });
  }
  fail(_line: number, where: string, error: string): void {
    this.records.push({ line: this.records.length + 1, where, error });
  }
  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }
  result(): ParsedFile {
    return { format: this.format, records: this.records, warnings: this.warnings };
  }
}

/** A number as a plain decimal (no exponent), rounded to 10 decimals. */
export function plain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  let s = (Math.round(n * 1e10) / 1e10).toFixed(10);
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
