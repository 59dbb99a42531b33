import { todayIso } from '../core/dates.js';
import type { Deps } from '../deps.js';

/**
 * Called by the commands that change the ledger or its prices (`import`, `add`, `remove`, `prices`)
 * once the change is committed and reported, and after the FX history that warm (src/jobs/warm.ts:
 * the command and the daemon's job) and the daemon's history and fx jobs bring: stores the replays
 * the reports read (src/returns/refresh-replays.ts), on worker threads that `signal` stops.
 * Skipped when it has already aborted.
 */
export async function refreshAfterChange(deps: Deps, signal: AbortSignal = deps.signal): Promise<void> {
  if (signal.aborted) return;
  const { refreshOffThread } = await import('../returns/refresh-replays.js');
  const config = deps.config();
  const options = { costMethod: config.costMethod, baseCurrency: config.baseCurrency, longTermMonths: config.gains.longTermMonths, today: todayIso(deps.clock.now()) };
  await refreshOffThread(deps.paths().dbPath, deps.db(), options, signal);
}
