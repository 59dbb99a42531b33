import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../base/errors.js';
import { assertOurs, isBusyError, isReadOnlyError, readOnlySnapshot, stamp } from './db-guard.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Milliseconds a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Turn a SQLite file portfolio did not create into a portfolio database (--adopt-db). */
  adopt?: boolean;
}

/** Creates a folder chain with mode 0700 for the folders it makes. */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Opens (creating if needed) the database: WAL, busy_timeout, foreign keys, migrations.
 * A database written by a newer version of portfolio is refused rather than misread.
 */
export function openDb(path: string, options: OpenOptions = {}): Db {
  const isMemory = path === ':memory:';
  const existed = isMemory || existsSync(path);
  if (!isMemory) ensurePrivateDir(dirname(path));
  try {
    return setUp(new Database(path, { fileMustExist: options.readonly === true }), path, existed, options);
  } catch (err) {
    // Busy past busy_timeout (another process holds the lock): the error funnel makes that exit 75.
    if (err instanceof AppError || isBusyError(err)) throw err;
    // A database in a folder (or a file) we may not write: read commands still work, on a snapshot.
    if (existed && !isMemory && isReadOnlyError(err)) {
      try {
        return setUp(new Database(readOnlySnapshot(path), { readonly: true }), path, true, options);
      } catch (again) {
        if (again instanceof AppError) throw again;
      }
    }
    throw new AppError(`cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function setUp(db: Db, path: string, existed: boolean, options: OpenOptions): Db {
  const isMemory = path === ':memory:';
  try {
    if (!existed) chmodSync(path, 0o600);
    // Before anything that writes: someone else's database is refused untouched.
    if (existed && !isMemory) assertOurs(db, path, options.adopt === true);
    setBusyTimeout(db, options.busyTimeoutMs ?? 10_000);
    if (!isMemory && !db.readonly && db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    stamp(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, path = 'database'): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new AppError(
      `${path} was written by a newer version of portfolio (schema ${current}, this version understands up to ${MIGRATIONS.length}); upgrade portfolio to use it`,
    );
  }
  if (current === MIGRATIONS.length) return;
  for (let v = current; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v] as string;
    // IMMEDIATE: two processes opening a fresh database at once must not both migrate.
    db.transaction(() => {
      if (schemaVersion(db) !== v) return; // another process got there first
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** Lets SQLite refresh its statistics and folds the WAL back into the database file. */
export function optimizeDb(db: Db): void {
  db.pragma('optimize');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Runs `fn` in one transaction (a savepoint when already inside one): committed when it returns,
 * rolled back when it throws. `immediate` takes the write lock at BEGIN, so a check and the write
 * it allows cannot be split by another writer; `discard` rolls back even a success (a dry run reads
 * one snapshot and leaves nothing behind). The one way code outside src/store opens a transaction.
 */
export function inTransaction<T>(db: Db, fn: () => T, options: { immediate?: boolean; discard?: boolean } = {}): T {
  const run = (body: () => unknown): unknown => {
    const tx = db.transaction(body);
    return options.immediate ? tx.immediate() : tx();
  };
  if (!options.discard) return run(fn) as T;
  let value: T | undefined;
  try {
    run(() => {
      value = fn();
      throw DISCARD;
    });
  } catch (err) {
    if (err !== DISCARD) throw err;
  }
  return value as T;
}

/** Thrown to roll back a transaction that succeeded (see inTransaction's `discard`). */
const DISCARD = new Error('transaction discarded');

/** Milliseconds a statement waits for another process's lock before SQLITE_BUSY. */
export function busyTimeout(db: Db): number {
  return db.pragma('busy_timeout', { simple: true }) as number;
}

export function setBusyTimeout(db: Db, ms: number): void {
  db.pragma(`busy_timeout = ${ms}`);
}
