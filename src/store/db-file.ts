import { closeSync, openSync, readSync } from 'node:fs';
import { MIGRATIONS } from './migrations.js';

/** The schema version this build writes and understands (databases are migrated up to it). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * A database file's schema version (PRAGMA user_version) read from its 100-byte header, without
 * loading SQLite or writing anything (no -wal/-shm files): `--version` and completion must stay
 * cheap and side-effect free. null when there is no file or it is not a SQLite database. A change
 * still only in the WAL is not seen; every migration is checkpointed when its connection closes.
 */
export function readSchemaVersion(path: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return null;
    if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
    return header.readInt32BE(60);
  } finally {
    closeSync(fd);
  }
}
