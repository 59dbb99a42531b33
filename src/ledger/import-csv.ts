/**
 * `import FILE.csv`: all or nothing, with bounded memory whatever the file size.
 * Rows stream through validation into a TEMP staging table (written in batches, no lock on the
 * ledger yet); then, inside ONE immediate transaction, the file is checked against the ledger
 * (re-imported rows, sells of more than is held in date order) and copied with INSERT...SELECT.
 * Any error rolls back; a crash (even kill -9) before COMMIT leaves the ledger untouched.
 */
import { AppError, InputError } from '../base/errors.js';
import { AccountShares, futureProblem, sellProblem } from '../core/position-rules.js';
import { splitFactor } from '../core/split-ratio.js';
import type { NewTransaction, TxType } from '../core/types.js';
import { TX_COLUMNS, validateTx, type TxCells } from '../core/validate-tx.js';
import { inTransaction, type Db } from '../store/db.js';
import {
  createStaging,
  dropStaging,
  insertStaged,
  markStagedExisting,
  stagedCountsByType,
  stagedHoldingRows,
  stagedPreview,
  stagedMovesQuantities,
  stagedSymbols,
  type StagedRow,
} from '../store/import-staging.js';
import { readCsv } from './csv-reader.js';
import { stagingKey } from './import-keys.js';

export interface ImportOptions {
  path: string;
  name: string;
  baseCurrency: string;
  dryRun: boolean;
  /** Error lines printed at most (the rest are counted). */
  maxErrors?: number;
  /** Today (YYYY-MM-DD): rows dated later need `allowFuture`. */
  today?: string;
  allowFuture?: boolean;
  /**
   * Checks the file's symbols before anything is written (outside any transaction: it may ask a
   * provider). Returns a message per refused symbol; each is reported at its first line.
   */
  vetSymbols?: (symbols: string[]) => Promise<Map<string, string>>;
  /** Rows from another format's parser (src/ledger/importers); default: the file read as our CSV. */
  records?: AsyncIterable<SourceRecord> | Iterable<SourceRecord>;
  /** Per-record notes of the parser (skipped records, unresolved ISINs), shown with the summary. */
  warnings?: string[];
  /** An interrupt (SIGINT/SIGTERM): reading stops and nothing is written. */
  signal?: AbortSignal;
}

/** One row of another tool's file, already mapped to our cells. */
export interface SourceRecord {
  /** Order in the file (sorts the errors). */
  line: number;
  /** Where it is, for messages: a line number or a record name such as `activities[3]`. */
  where: string;
  cells?: TxCells;
  error?: string;
  /** The source's own id, when it has one: the import key instead of the content hash. */
  key?: string;
}

export interface ImportSummary {
  rows: number;
  added: number;
  alreadyImported: number;
  byType: Partial<Record<TxType, number>>;
  /** The first new rows, for --dry-run. */
  preview: (NewTransaction & { where: string })[];
  dryRun: boolean;
  warnings: string[];
}

const BATCH = 2000;

/** Errors to print, in line order; bounded so a huge bad file cannot exhaust memory. */
class ErrorList {
  private readonly items: { line: number; text: string }[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(line: number, text: string): void {
    this.count++;
    if (this.items.length < this.max) this.items.push({ line, text });
  }
  details(): string[] {
    const lines = this.items.sort((a, b) => a.line - b.line).map((e) => e.text);
    return this.count > lines.length ? [...lines, `... and ${this.count - lines.length} more errors`] : lines;
  }
}

export async function importCsv(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const { name } = options;
  const errors = new ErrorList(options.maxErrors ?? 1000);
  const flush = createStaging(db);

  try {
    let rows = 0;
    let batch: StagedRow[] = [];
    const source = options.records ?? ownCsv(options.path, name);
    for await (const row of source) {
      rows++;
      if (row.error) {
        errors.add(row.line, `${name}:${row.where}: row: ${row.error}`);
        continue;
      }
      const r = validateTx(row.cells as TxCells, options.baseCurrency);
      if (!r.ok) {
        for (const e of r.errors) errors.add(row.line, `${name}:${row.where}: ${e.column}: ${e.message}`);
        continue;
      }
      const future = options.today ? futureProblem(r.tx.date, options.today, options.allowFuture === true) : null;
      if (future) {
        errors.add(row.line, `${name}:${row.where}: date: ${future}`);
        continue;
      }
      batch.push({ tx: r.tx, line: row.line, ...stagingKey(r.tx, row.key), where: row.where });
      if (batch.length >= BATCH) {
        stopIfAborted(options.signal, name);
        flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) flush(batch);
    if (rows === 0 && !options.warnings?.length) throw new InputError(`${name}: no transactions after the header; nothing was imported`);
    if (options.vetSymbols && errors.count === 0) {
      const first = stagedSymbols(db);
      const refused = await options.vetSymbols(first.map((r) => r.symbol));
      for (const r of first) {
        const why = refused.get(r.symbol);
        if (why) errors.add(r.line, `${name}:${r.line}: symbol: ${why}`);
      }
    }

    stopIfAborted(options.signal, name);
    // A dry run only reads the ledger: a deferred transaction gives it a snapshot without blocking writers.
    return inTransaction(
      db,
      () => {
        markStagedExisting(db);
        if (stagedMovesQuantities(db)) checkHoldings(db, name, errors);
        if (errors.count > 0) {
          throw new InputError(`${name}: ${errors.count} error${errors.count === 1 ? '' : 's'}; nothing was imported`, errors.details());
        }
        const summary = summarise(db, rows, options.dryRun);
        summary.warnings = options.warnings ?? [];
        if (!options.dryRun) summary.added = insertStaged(db);
        return summary;
      },
      { immediate: !options.dryRun, discard: options.dryRun },
    );
  } finally {
    dropStaging(db);
  }
}

function stopIfAborted(signal: AbortSignal | undefined, name: string): void {
  if (signal?.aborted) throw new AppError(`${name}: import stopped before anything was written; nothing was imported`);
}

async function* ownCsv(path: string, name: string): AsyncGenerator<SourceRecord> {
  for await (const row of readCsv(path, { name, columns: TX_COLUMNS, required: ['date', 'type'] })) {
    yield { line: row.line, where: String(row.line), cells: row.cells as TxCells, ...(row.error ? { error: row.error } : {}) };
  }
}

/** Replays quantities of the ledger merged with the new rows in date order: a sell may not exceed what is held. */
function checkHoldings(db: Db, name: string, errors: ErrorList): void {
  const held = new AccountShares();
  for (const r of stagedHoldingRows(db)) {
    const where = r.src ?? String(r.line);
    if (r.type === 'buy') held.add(r.symbol, r.account, r.quantity ?? 0);
    else if (r.type === 'split') held.split(r.symbol, splitFactor(r.ratio));
    else if (r.type === 'rename' || r.type === 'spinoff') {
      const to = r.toSymbol as string;
      const factor = splitFactor(r.ratio ?? '1:1');
      const positions = held.positions(r.symbol);
      if (positions.length === 0 && r.line !== null) errors.add(r.line, `${name}:${where}: symbol: ${r.type} of ${r.symbol} on ${r.date} but none is held then`);
      for (const [account, q] of positions) {
        held.add(to, account, q * factor);
        if (r.type === 'rename') held.add(r.symbol, account, -q);
      }
    } else {
      // A sell, or shares transferred out of `account`: either needs the shares there.
      const q = r.quantity ?? 0;
      const problem = sellProblem(r.symbol, r.account, r.date, q, held.get(r.symbol, r.account));
      if (problem && r.line !== null) errors.add(r.line, `${name}:${where}: quantity: ${problem} (in date order, with the existing ledger)`);
      held.add(r.symbol, r.account, -q);
      if (r.type === 'transfer' && r.toAccount) held.add(r.symbol, r.toAccount, q);
    }
  }
}

function summarise(db: Db, rows: number, dryRun: boolean): ImportSummary {
  const byType: Partial<Record<TxType, number>> = {};
  let added = 0;
  for (const r of stagedCountsByType(db)) {
    byType[r.type] = r.n;
    added += r.n;
  }
  const preview = stagedPreview(db, dryRun ? 1000 : 20);
  return { rows, added, alreadyImported: rows - added, byType, preview, dryRun, warnings: [] };
}
