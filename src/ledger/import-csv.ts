/**
 * `import FILE.csv`: all or nothing, with bounded memory whatever the file size.
 * Rows stream through validation into a TEMP staging table (written in batches, no lock on the
 * ledger yet); then, inside ONE immediate transaction, the file is checked against the ledger
 * (re-imported rows, sells of more than is held in date order) and copied with INSERT...SELECT.
 * Any error rolls back; a crash (even kill -9) before COMMIT leaves the ledger untouched.
 */
import { createHash } from 'node:crypto';
import { AppError, InputError } from '../base/errors.js';
import { AccountShares, futureProblem, sellProblem } from '../core/position-rules.js';
import { splitFactor } from '../core/split-ratio.js';
import type { NewTransaction, TxType } from '../core/types.js';
import { TX_COLUMNS, validateTx, type TxCells } from '../core/validate-tx.js';
import type { Db } from '../store/db.js';
import { readCsv } from './csv-reader.js';

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
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_staging (
    line INTEGER PRIMARY KEY, date TEXT, type TEXT, symbol TEXT, quantity REAL, price REAL, amount REAL,
    fee REAL, currency TEXT, account TEXT, note TEXT, ratio TEXT, hash TEXT, key TEXT, existing INTEGER DEFAULT 0,
    to_account TEXT, to_symbol TEXT, fraction REAL, source_key TEXT, src_where TEXT);
    DELETE FROM temp.import_staging;`);
  const stage = db.prepare(`INSERT INTO temp.import_staging
    (line, date, type, symbol, quantity, price, amount, fee, currency, account, note, ratio, hash, to_account, to_symbol, fraction, source_key, src_where)
    VALUES (@line, @date, @type, @symbol, @quantity, @price, @amount, @fee, @currency, @account, @note, @ratio, @hash, @toAccount, @toSymbol, @fraction, @sourceKey, @where)`);
  const flush = db.transaction((batch: Staged[]) => {
    for (const row of batch) stage.run({ toAccount: null, toSymbol: null, fraction: null, ...row });
  });

  try {
    let rows = 0;
    let batch: Staged[] = [];
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
      batch.push({ ...r.tx, line: row.line, hash: contentHash(r.tx), sourceKey: row.key ?? null, where: row.where });
      if (batch.length >= BATCH) {
        stopIfAborted(options.signal, name);
        flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) flush(batch);
    if (rows === 0 && !options.warnings?.length) throw new InputError(`${name}: no transactions after the header; nothing was imported`);
    if (options.vetSymbols && errors.count === 0) {
      const first = db.prepare('SELECT symbol, MIN(line) AS line FROM temp.import_staging WHERE symbol IS NOT NULL GROUP BY symbol ORDER BY symbol').all() as { symbol: string; line: number }[];
      const refused = await options.vetSymbols(first.map((r) => r.symbol));
      for (const r of first) {
        const why = refused.get(r.symbol);
        if (why) errors.add(r.line, `${name}:${r.line}: symbol: ${why}`);
      }
    }

    stopIfAborted(options.signal, name);
    // A dry run only reads the ledger: a deferred transaction gives it a snapshot without blocking writers.
    db.exec(options.dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      markExisting(db);
      checkHoldings(db, name, errors);
      if (errors.count > 0) {
        throw new InputError(`${name}: ${errors.count} error${errors.count === 1 ? '' : 's'}; nothing was imported`, errors.details());
      }
      const summary = summarise(db, rows, options.dryRun);
      summary.warnings = options.warnings ?? [];
      if (!options.dryRun) summary.added = insertStaged(db);
      db.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT');
      return summary;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.import_staging');
  }
}

function stopIfAborted(signal: AbortSignal | undefined, name: string): void {
  if (signal?.aborted) throw new AppError(`${name}: import stopped before anything was written; nothing was imported`);
}

type Staged = NewTransaction & { line: number; hash: string; sourceKey: string | null; where: string };

async function* ownCsv(path: string, name: string): AsyncGenerator<SourceRecord> {
  for await (const row of readCsv(path, { name, columns: TX_COLUMNS, required: ['date', 'type'] })) {
    yield { line: row.line, where: String(row.line), cells: row.cells as TxCells, ...(row.error ? { error: row.error } : {}) };
  }
}

/** Identity of a row's content; with its occurrence number in the file it is the import key. */
function contentHash(tx: NewTransaction): string {
  const extra = tx.toAccount || tx.toSymbol || tx.fraction != null ? [tx.toAccount ?? null, tx.toSymbol ?? null, tx.fraction ?? null] : [];
  const text = JSON.stringify([tx.date, tx.type, tx.symbol, tx.quantity, tx.price, tx.amount, tx.fee, tx.currency, tx.account, tx.note, tx.ratio, ...extra]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 24);
}

/** Gives each staged row its import key (hash + occurrence) and flags the ones already in the ledger. */
function markExisting(db: Db): void {
  db.exec(`UPDATE temp.import_staging SET key = w.hash || ':' || w.rn
      FROM (SELECT line, hash, ROW_NUMBER() OVER (PARTITION BY hash ORDER BY line) AS rn FROM temp.import_staging WHERE source_key IS NULL) AS w
      WHERE w.line = import_staging.line;
    UPDATE temp.import_staging SET key = source_key WHERE source_key IS NOT NULL;
    UPDATE temp.import_staging SET existing = 1
      WHERE EXISTS (SELECT 1 FROM main.transactions t WHERE t.import_key = import_staging.key);`);
}

/** Replays quantities of the ledger merged with the new rows in date order: a sell may not exceed what is held. */
function checkHoldings(db: Db, name: string, errors: ErrorList): void {
  const types = "('buy', 'sell', 'split', 'rename', 'spinoff', 'transfer')";
  const stmt = db.prepare(`
    SELECT symbol, account, type, quantity, ratio, date, line, toSymbol, toAccount, src FROM (
      SELECT t.symbol, a.name AS account, t.type, t.quantity, t.ratio, t.date, 0 AS origin, t.id AS seq, NULL AS line,
          t.to_symbol AS toSymbol, b.name AS toAccount, NULL AS src
        FROM main.transactions t JOIN main.accounts a ON a.id = t.account_id LEFT JOIN main.accounts b ON b.id = t.to_account_id
        WHERE t.type IN ${types} AND (t.type <> 'transfer' OR t.quantity IS NOT NULL)
      UNION ALL
      SELECT symbol, account, type, quantity, ratio, date, 1, line, line, to_symbol, to_account, src_where FROM temp.import_staging
        WHERE existing = 0 AND type IN ${types} AND (type <> 'transfer' OR quantity IS NOT NULL))
    ORDER BY date, origin, seq`);
  const held = new AccountShares();
  type Row = {
    symbol: string;
    account: string;
    type: TxType;
    quantity: number | null;
    ratio: string | null;
    date: string;
    line: number | null;
    toSymbol: string | null;
    toAccount: string | null;
    src: string | null;
  };
  for (const r of stmt.iterate() as Iterable<Row>) {
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
  for (const r of db.prepare('SELECT type, COUNT(*) AS n FROM temp.import_staging WHERE existing = 0 GROUP BY type ORDER BY type').all() as { type: TxType; n: number }[]) {
    byType[r.type] = r.n;
    added += r.n;
  }
  const preview = db
    .prepare(`SELECT date, type, symbol, quantity, price, amount, fee, currency, account, note, ratio,
      to_account AS toAccount, to_symbol AS toSymbol, fraction, src_where AS "where" FROM temp.import_staging WHERE existing = 0 ORDER BY line LIMIT ?`)
    .all(dryRun ? 1000 : 20) as (NewTransaction & { where: string })[];
  return { rows, added, alreadyImported: rows - added, byType, preview, dryRun, warnings: [] };
}

function insertStaged(db: Db): number {
  db.exec(`INSERT INTO main.accounts (name) SELECT name FROM (
      SELECT account AS name FROM temp.import_staging WHERE existing = 0
      UNION SELECT to_account FROM temp.import_staging WHERE existing = 0 AND to_account IS NOT NULL)
    ORDER BY name ON CONFLICT(name) DO NOTHING`);
  return db
    .prepare(`INSERT INTO main.transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, note, ratio, import_key, to_account_id, to_symbol, fraction)
      SELECT s.date, s.type, s.symbol, s.quantity, s.price, s.amount, s.fee, s.currency, a.id, s.note, s.ratio, s.key, b.id, s.to_symbol, s.fraction
      FROM temp.import_staging s JOIN main.accounts a ON a.name = s.account LEFT JOIN main.accounts b ON b.name = s.to_account
      WHERE s.existing = 0 ORDER BY s.line`)
    .run().changes;
}
