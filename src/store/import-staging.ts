/**
 * The TEMP table `import_staging` of `import FILE`: rows of a file waiting to be checked against
 * the ledger and copied into it with INSERT...SELECT (src/ledger/import-csv.ts says how).
 * TEMP: it lives in this connection only, so a crash leaves nothing of it behind.
 */
import type { NewTransaction, TxType } from '../core/types.js';
import { inTransaction, type Db } from './db.js';

/** One valid row of the file, as staged, with its import key (src/ledger/import-keys.ts). */
export interface StagedRow {
  tx: NewTransaction;
  line: number;
  /** the source's id, or the content hash when `hashed` (numbered by occurrence in markStagedExisting) */
  key: string;
  hashed: boolean;
  where: string;
}

/** A ledger or staged row of the merged quantity replay (line: null for a ledger row). */
export interface StagedHoldingRow {
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
}

const STAGED_COLUMNS = 'line, date, type, symbol, quantity, price, amount, fee, currency, account, note, ratio, key, hashed, to_account, to_symbol, fraction, src_where';
/** Rows per INSERT: one statement of many rows costs less than as many one-row statements. */
const ROWS_PER_INSERT = 25;

function stagedValues({ tx, line, key, hashed, where }: StagedRow, into: unknown[]): void {
  into.push(line, tx.date, tx.type, tx.symbol, tx.quantity, tx.price, tx.amount, tx.fee, tx.currency, tx.account, tx.note, tx.ratio, key, hashed ? 1 : 0, tx.toAccount ?? null, tx.toSymbol ?? null, tx.fraction ?? null, where);
}

/** Creates the (empty) staging table and returns the writer of one batch of rows, in one transaction. */
export function createStaging(db: Db): (batch: readonly StagedRow[]) => void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_staging (
    line INTEGER PRIMARY KEY, date TEXT, type TEXT, symbol TEXT, quantity REAL, price REAL, amount REAL,
    fee REAL, currency TEXT, account TEXT, note TEXT, ratio TEXT, key TEXT, hashed INTEGER, existing INTEGER DEFAULT 0,
    to_account TEXT, to_symbol TEXT, fraction REAL, src_where TEXT);
    DELETE FROM temp.import_staging;`);
  const row = `(${STAGED_COLUMNS.split(',').map(() => '?').join(', ')})`;
  const many = db.prepare(`INSERT INTO temp.import_staging (${STAGED_COLUMNS}) VALUES ${Array(ROWS_PER_INSERT).fill(row).join(', ')}`);
  const one = db.prepare(`INSERT INTO temp.import_staging (${STAGED_COLUMNS}) VALUES ${row}`);
  return (batch) =>
    inTransaction(db, () => {
      let i = 0;
      for (; i + ROWS_PER_INSERT <= batch.length; i += ROWS_PER_INSERT) {
        const values: unknown[] = [];
        for (let j = i; j < i + ROWS_PER_INSERT; j++) stagedValues(batch[j] as StagedRow, values);
        many.run(values);
      }
      for (; i < batch.length; i++) {
        const values: unknown[] = [];
        stagedValues(batch[i] as StagedRow, values);
        one.run(values);
      }
    });
}

export function dropStaging(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.import_staging');
}

/** Each staged symbol with the first line it is on, by symbol. */
export function stagedSymbols(db: Db): { symbol: string; line: number }[] {
  return db.prepare('SELECT symbol, MIN(line) AS line FROM temp.import_staging WHERE symbol IS NOT NULL GROUP BY symbol ORDER BY symbol').all() as { symbol: string; line: number }[];
}

/** Numbers content-hash keys by occurrence ("<hash>:1", "<hash>:2", ...), then flags the staged rows whose import key is already in the ledger. */
export function markStagedExisting(db: Db): void {
  db.exec(`UPDATE temp.import_staging SET key = w.key || ':' || w.rn
      FROM (SELECT line, key, ROW_NUMBER() OVER (PARTITION BY key ORDER BY line) AS rn FROM temp.import_staging WHERE hashed = 1) AS w
      WHERE w.line = import_staging.line;
    UPDATE temp.import_staging SET existing = 1
      WHERE EXISTS (SELECT 1 FROM main.transactions t WHERE t.import_key = import_staging.key)`);
}

const HOLDING_TYPES = "('buy', 'sell', 'split', 'rename', 'spinoff', 'transfer')";

/** Whether any new staged row moves a quantity (if none, the replay below can find no problem). */
export function stagedMovesQuantities(db: Db): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM temp.import_staging WHERE existing = 0 AND type IN ${HOLDING_TYPES}) AS yes`).pluck().get() === 1;
}

/** The ledger's quantity-moving rows merged with the new staged ones, in date order (ledger first on a day). */
export function stagedHoldingRows(db: Db): Iterable<StagedHoldingRow> {
  const types = HOLDING_TYPES;
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
  return stmt.iterate() as Iterable<StagedHoldingRow>;
}

/** How many new (not already imported) staged rows there are of each type. */
export function stagedCountsByType(db: Db): { type: TxType; n: number }[] {
  return db.prepare('SELECT type, COUNT(*) AS n FROM temp.import_staging WHERE existing = 0 GROUP BY type ORDER BY type').all() as { type: TxType; n: number }[];
}

/** The first `limit` new staged rows, in file order. */
export function stagedPreview(db: Db, limit: number): (NewTransaction & { where: string })[] {
  return db
    .prepare(`SELECT date, type, symbol, quantity, price, amount, fee, currency, account, note, ratio,
      to_account AS toAccount, to_symbol AS toSymbol, fraction, src_where AS "where" FROM temp.import_staging WHERE existing = 0 ORDER BY line LIMIT ?`)
    .all(limit) as (NewTransaction & { where: string })[];
}

/** Copies the new staged rows (and their accounts) into the ledger, in file order; returns how many. */
export function insertStaged(db: Db): number {
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
