import { todayIso } from '../core/dates.js';
import type { Deps } from '../deps.js';

/**
 * Called by the commands that change the ledger or its FX history (`import`, `add`, `remove`,
 * `prices`, and `warm` for the FX history it brings), once the change is committed and
 * reported: stores the replays the reports read (src/returns/refresh-replays.ts), on a worker
 * thread that a signal stops. Skipped when the command was interrupted.
 */
export async function refreshAfterChange(deps: Deps): Promise<void> {
  if (deps.signal.aborted) return;
  const { refreshOffThread } = await import('../returns/refresh-replays.js');
  const config = deps.config();
  const options = { costMethod: config.costMethod, baseCurrency: config.baseCurrency, longTermMonths: config.gains.longTermMonths, today: todayIso(deps.clock.now()) };
  await refreshOffThread(deps.paths().dbPath, deps.db(), options, deps.signal);
}
