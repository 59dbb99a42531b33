/**
 * Whose SQLite file is this? `--db other.sqlite` must not add our tables to someone else's
 * database, switch it to WAL or bump its user_version. Ours: stamped with our application_id, or
 * (files from before the stamp) carrying our schema version and our ledger tables, or empty.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../base/errors.js';
import { sanitize } from '../base/sanitize.js';
import type Database from 'better-sqlite3';

/** "PFLO" as a 32-bit integer: PRAGMA application_id of every database portfolio creates. */
export const APPLICATION_ID = 0x50464c4f;

const OUR_TABLES = ['accounts', 'transactions', 'daily_closes'];

export type Ownership = 'ours' | 'empty' | 'foreign';

export function ownership(db: Database.Database): Ownership {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) return 'ours';
  if (appId !== 0) return 'foreign';
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (r) => r.name,
  );
  if (tables.length === 0) return 'empty';
  const version = db.pragma('user_version', { simple: true }) as number;
  return version > 0 && OUR_TABLES.every((t) => tables.includes(t)) ? 'ours' : 'foreign';
}

/** Throws unless the database is ours, empty, or the user said to adopt it. Reads only. */
export function assertOurs(db: Database.Database, path: string, adopt: boolean): void {
  if (ownership(db) !== 'foreign') return;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (adopt && version !== 0) {
    throw new AppError(`${sanitize(path)} cannot be adopted: its user_version (${version}) is in use by the program that made it; it was left untouched`);
  }
  if (adopt) return;
  throw new AppError(
    `${sanitize(path)} is a SQLite database that portfolio did not create; it was left untouched. ` +
      'To turn it into a portfolio database (adds tables, switches it to WAL), run again with --adopt-db',
  );
}

/** Stamps our application_id (best effort: a read-only database stays as it is). */
export function stamp(db: Database.Database): void {
  if (db.readonly) return;
  if ((db.pragma('application_id', { simple: true }) as number) === APPLICATION_ID) return;
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
  } catch {
    // read-only file: leave it
  }
}

/**
 * A private read-only snapshot of a database whose folder cannot be written (SQLite needs to create
 * its -shm file next to a WAL database even to read it). Removed when the process exits.
 */
export function readOnlySnapshot(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-ro-'));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return copy;
}

export function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'));
}

export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}
