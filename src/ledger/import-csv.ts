/**
 * `import FILE.csv`: all or nothing, with bounded memory whatever the file size.
 * Rows stream through validation into a TEMP staging table (written in batches, no lock on the
 * ledger yet); then, inside ONE immediate transaction, the file is checked against the ledger
 * (re-imported rows, sells of more than is held in date order) and copied with INSERT...SELECT.
 * Any error rolls back; a crash (even kill -9) before COMMIT leaves the ledger untouched.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../base/errors.js';
import { nextQuantity } from '../core/quantities.js';
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
}

export interface ImportSummary {
  rows: number;
  added: number;
  alreadyImported: number;
  byType: Partial<Record<TxType, number>>;
  /** The first new rows, for --dry-run. */
  preview: NewTransaction[];
  dryRun: boolean;
}

const BATCH = 2000;
const EPS = 1e-9;

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
    fee REAL, currency TEXT, account TEXT, note TEXT, ratio TEXT, hash TEXT, key TEXT, existing INTEGER DEFAULT 0);
    DELETE FROM temp.import_staging;`);
  const stage = db.prepare(`INSERT INTO temp.import_staging
    (line, date, type, symbol, quantity, price, amount, fee, currency, account, note, ratio, hash)
    VALUES (@line, @date, @type, @symbol, @quantity, @price, @amount, @fee, @currency, @account, @note, @ratio, @hash)`);
  const flush = db.transaction((batch: (NewTransaction & { line: number; hash: string })[]) => {
    for (const row of batch) stage.run(row);
  });

  try {
    let rows = 0;
    let batch: (NewTransaction & { line: number; hash: string })[] = [];
    for await (const row of readCsv(options.path, { name, columns: TX_COLUMNS, required: ['date', 'type'] })) {
      rows++;
      if (row.error) {
        errors.add(row.line, `${name}:${row.line}: row: ${row.error}`);
        continue;
      }
      const r = validateTx(row.cells as TxCells, options.baseCurrency);
      if (!r.ok) {
        for (const e of r.errors) errors.add(row.line, `${name}:${row.line}: ${e.column}: ${e.message}`);
        continue;
      }
      batch.push({ ...r.tx, line: row.line, hash: contentHash(r.tx) });
      if (batch.length >= BATCH) {
        flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) flush(batch);
    if (rows === 0) throw new InputError(`${name}: no transactions after the header; nothing was imported`);

    // A dry run only reads the ledger: a deferred transaction gives it a snapshot without blocking writers.
    db.exec(options.dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      markExisting(db);
      checkHoldings(db, name, errors);
      if (errors.count > 0) {
        throw new InputError(`${name}: ${errors.count} error${errors.count === 1 ? '' : 's'}; nothing was imported`, errors.details());
      }
      const summary = summarise(db, rows, options.dryRun);
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

/** Identity of a row's content; with its occurrence number in the file it is the import key. */
function contentHash(tx: NewTransaction): string {
  const text = JSON.stringify([tx.date, tx.type, tx.symbol, tx.quantity, tx.price, tx.amount, tx.fee, tx.currency, tx.account, tx.note, tx.ratio]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 24);
}

/** Gives each staged row its import key (hash + occurrence) and flags the ones already in the ledger. */
function markExisting(db: Db): void {
  db.exec(`UPDATE temp.import_staging SET key = w.hash || ':' || w.rn
      FROM (SELECT line, hash, ROW_NUMBER() OVER (PARTITION BY hash ORDER BY line) AS rn FROM temp.import_staging) AS w
      WHERE w.line = import_staging.line;
    UPDATE temp.import_staging SET existing = 1
      WHERE EXISTS (SELECT 1 FROM main.transactions t WHERE t.import_key = import_staging.key);`);
}

/** Replays quantities of the ledger merged with the new rows in date order: a sell may not exceed what is held. */
function checkHoldings(db: Db, name: string, errors: ErrorList): void {
  const stmt = db.prepare(`
    SELECT symbol, type, quantity, ratio, date, line FROM (
      SELECT symbol, type, quantity, ratio, date, 0 AS src, id AS seq, NULL AS line FROM main.transactions
        WHERE type IN ('buy', 'sell', 'split')
      UNION ALL
      SELECT symbol, type, quantity, ratio, date, 1, line, line FROM temp.import_staging
        WHERE existing = 0 AND type IN ('buy', 'sell', 'split'))
    ORDER BY date, src, seq`);
  const held = new Map<string, number>();
  for (const r of stmt.iterate() as Iterable<{ symbol: string; type: TxType; quantity: number | null; ratio: string | null; date: string; line: number | null }>) {
    const h = held.get(r.symbol) ?? 0;
    if (r.type === 'sell') {
      const q = r.quantity ?? 0;
      if (q > h * (1 + EPS) + EPS && r.line !== null) {
        errors.add(r.line, `${name}:${r.line}: quantity: sells ${q} ${r.symbol} on ${r.date} but only ${Math.round(h * 1e8) / 1e8} are held then (in date order, with the existing ledger)`);
      }
    }
    held.set(r.symbol, Math.max(0, nextQuantity(h, r)));
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
    .prepare(`SELECT date, type, symbol, quantity, price, amount, fee, currency, account, note, ratio
      FROM temp.import_staging WHERE existing = 0 ORDER BY line LIMIT 20`)
    .all() as NewTransaction[];
  return { rows, added, alreadyImported: rows - added, byType, preview, dryRun };
}

function insertStaged(db: Db): number {
  db.exec(`INSERT INTO main.accounts (name) SELECT DISTINCT account FROM temp.import_staging WHERE existing = 0
    ORDER BY account ON CONFLICT(name) DO NOTHING`);
  return db
    .prepare(`INSERT INTO main.transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, note, ratio, import_key)
      SELECT s.date, s.type, s.symbol, s.quantity, s.price, s.amount, s.fee, s.currency, a.id, s.note, s.ratio, s.key
      FROM temp.import_staging s JOIN main.accounts a ON a.name = s.account WHERE s.existing = 0 ORDER BY s.line`)
    .run().changes;
}
