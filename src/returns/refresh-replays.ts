/**
 * After a command changed the ledger (`import`, `add`, `remove`) or its FX history (`prices`,
 * `warm`, the daemon's history jobs; callers: src/jobs/refresh-stored.ts): replays the ledger once for the reports that keep a stored replay, and stores it, so that the
 * first report after the change reads it instead of replaying the whole ledger. The reports are
 * `holdings` and the dashboard (the positions snapshot, src/ledger/positions-snapshot.ts) and
 * `gains` and `income` (the yearly states, src/returns/stored-replay.ts), under the configured cost
 * method, base currency and long-term months (another cost method asked for on the command line
 * replays on its first run, as before).
 *
 * The write pays the replay: an import of 100,000s of rows, or a change dated years back, takes
 * that much longer, and the reports after it take what a report over a stored replay takes. Best
 * effort: the change is committed before this runs, and whatever could not be stored is replayed
 * by the next report as it would have been. The two replays run on two worker threads
 * (src/returns/refresh-worker.ts), whose writes wait for each other's lock but no one waits for
 * them: a signal ends the command at once, the workers terminated and their uncommitted writes
 * rolled back.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CostMethod } from '../core/holdings.js';
import { loadFx } from '../ledger/fx-rates.js';
import { ledgerSummary } from '../ledger/positions-snapshot.js';
import type { Db } from '../store/db.js';
import { hasTransactionsAfter } from '../store/transactions.js';
import { storeYears } from './stored-replay.js';

export interface RefreshOptions {
  costMethod: CostMethod;
  baseCurrency: string;
  longTermMonths: number;
  /** YYYY-MM-DD: the stored years end before this day's year. */
  today: string;
}

/** The two stored replays: the holdings snapshot and the yearly states of gains and income. */
export type RefreshPart = 'holdings' | 'years';
export const REFRESH_PARTS: readonly RefreshPart[] = ['holdings', 'years'];

/**
 * Replays and stores `parts` on `db`. `lockWaitMs`: how long a write may wait for the lock (the
 * worker threads run side by side, and no one waits for them).
 */
export function refreshStoredReplays(db: Db, o: RefreshOptions, parts: readonly RefreshPart[] = REFRESH_PARTS, lockWaitMs = 0): void {
  for (const part of parts) {
    try {
      if (part === 'holdings') {
        // With rows dated after today the positions depend on the day and are not stored (ledgerSummary).
        if (!hasTransactionsAfter(db, o.today)) ledgerSummary(db, o.costMethod, o.baseCurrency, loadFx(db, o.baseCurrency), o.today, lockWaitMs);
      } else {
        storeYears(db, { costMethod: o.costMethod, baseCurrency: o.baseCurrency, longTermMonths: o.longTermMonths }, loadFx(db, o.baseCurrency), o.today, lockWaitMs);
      }
    } catch {
      // The change itself is committed; the reports replay what is not stored.
    }
  }
}

/**
 * refreshStoredReplays on worker threads, one per part, side by side (two cores: the two replays
 * take about as long as the longer one), each with its own connection to `dbPath`; resolves when
 * both are done, or at once when `signal` aborts (the workers are terminated). Where there is no
 * built worker next to this module (the tests run the TypeScript sources) it runs on this thread
 * on `db`. `worker`: another worker file, and a call when a thread starts (tests).
 */
export async function refreshOffThread(
  dbPath: string,
  db: Db,
  o: RefreshOptions,
  signal: AbortSignal,
  worker: { url?: URL; onOnline?: () => void } = {},
): Promise<void> {
  const workerUrl = worker.url ?? new URL('./refresh-worker.js', import.meta.url);
  if (signal.aborted) return;
  if (!existsSync(fileURLToPath(workerUrl))) {
    refreshStoredReplays(db, o);
    return;
  }
  const { Worker } = await import('node:worker_threads');
  if (signal.aborted) return; // while the import was awaited
  const run = (part: RefreshPart) =>
    new Promise<void>((resolve) => {
      const thread = new Worker(workerUrl, { workerData: { dbPath, options: o, part } });
      const stop = () => void thread.terminate();
      signal.addEventListener('abort', stop, { once: true });
      if (worker.onOnline) thread.once('online', worker.onOnline);
      thread.on('error', () => {}); // best effort: the reports replay what is not stored
      thread.once('exit', () => {
        signal.removeEventListener('abort', stop);
        resolve();
      });
    });
  await Promise.all(REFRESH_PARTS.map(run));
}
