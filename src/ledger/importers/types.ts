/**
 * What every importer returns: our CSV cells per source record (validated later by the same path
 * as `import FILE.csv`), the records it refused, and notes on records it skipped on purpose.
 * Records are produced as the file is read (an async iterable), so a large file is never held whole.
 */
import type { SourceRecord } from '../import-csv.js';

export type { SourceRecord };

/** An ISIN looked up: the symbol found, or why there is none (offline, no listing). */
export type IsinAnswer = { symbol: string } | { problem: string };

/** Looks up many ISINs at once (the CLI builds it from the symbol search; ledger may not import market). */
export type LookupIsins = (isins: string[]) => Promise<Map<string, IsinAnswer>>;

export interface ParseContext {
  /** Today (YYYY-MM-DD): later-dated records are drafts and are skipped. */
  today: string;
  /** ISIN -> our symbol, from the table made by `lookupIsins` before the records are mapped; null when unknown. */
  resolveIsin?: (isin: string) => IsinAnswer | null;
  /** Asked once per file with every distinct ISIN that needs a symbol (see with-isins.ts). */
  lookupIsins?: LookupIsins;
  /** `--account`: the account for every row (default: the file's own account, or the tool's name). */
  account?: string;
}

export interface ParsedFile {
  format: string;
  /** Read once, in file order; errors arrive as records with `error`. */
  records: AsyncIterable<SourceRecord>;
  /** Filled while `records` is read: complete once it is exhausted. */
  warnings: string[];
}

/** A file's text as chunks; called again for a second pass over the same file. */
export type TextSource = () => AsyncIterable<string>;

/** Collects records, warnings and the source ids seen (a file may list one event twice). */
export class Collector {
  private pending: SourceRecord[] = [];
  readonly warnings: string[] = [];
  private readonly keys = new Set<string>();
  private count = 0;
  constructor(readonly format: string) {}
  /** `line` orders the records in messages; each record gets its own ordinal (one source line can make several rows). */
  add(_line: number, where: string, cells: Record<string, string | number | null | undefined>, key?: string): void {
    if (key !== undefined) {
      if (this.keys.has(key)) return;
      this.keys.add(key);
    }
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(cells)) if (v !== undefined && v !== null && v !== '') text[k] = typeof v === 'number' ? plain(v) : v;
    this.pending.push({ line: ++this.count, where, cells: text, ...(key !== undefined ? { key } : {}) });
  }
  fail(_line: number, where: string, error: string): void {
    this.pending.push({ line: ++this.count, where, error });
  }
  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }
  /** The records added since the last call (a streaming parser yields them as it goes). */
  drain(): SourceRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

/** A number as a plain decimal (no exponent), rounded to 10 decimals. */
export function plain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  let s = (Math.round(n * 1e10) / 1e10).toFixed(10);
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
