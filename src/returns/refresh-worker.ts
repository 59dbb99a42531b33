/**
 * The stored replays' refresh off the main thread (src/returns/refresh-replays.ts): the command
 * that changed the ledger stays free to answer a signal at once while this replays it.
 */
import { workerData } from 'node:worker_threads';
import { openDb } from '../store/db.js';
import { refreshStoredReplays, type RefreshOptions } from './refresh-replays.js';

const { dbPath, options } = workerData as { dbPath: string; options: RefreshOptions };
const db = openDb(dbPath);
try {
  refreshStoredReplays(db, options);
} finally {
  db.close();
}
