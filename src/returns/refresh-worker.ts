/**
 * One part of the stored replays' refresh off the main thread (src/returns/refresh-replays.ts): the
 * command that changed the ledger stays free to answer a signal at once while this replays it.
 */
import { workerData } from 'node:worker_threads';
import { openDb } from '../store/db.js';
import { refreshStoredReplays, type RefreshOptions, type RefreshPart } from './refresh-replays.js';

const { dbPath, options, part } = workerData as { dbPath: string; options: RefreshOptions; part: RefreshPart };
const db = openDb(dbPath);
try {
  // The other part's worker may hold the write lock for its own write: wait for it.
  refreshStoredReplays(db, options, [part], 5000);
} finally {
  db.close();
}
