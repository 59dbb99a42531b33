/**
 * Whether a warm succeeded, for cron: exit 75 (try later) when anything worth retrying failed, and
 * also when nothing at all could be used (every answer garbage, HTML or empty), since a provider
 * serving junk today may serve prices tomorrow. Unknown symbols alone are the user's to fix: 0.
 */
import type { SymbolFailure } from '../market/types.js';

export interface Outcome {
  outcome: 'ok' | 'temporary-failure';
  /** Why, in a sentence, when not ok. */
  reason?: string;
}

export function warmOutcome(fetched: number, failed: readonly SymbolFailure[]): Outcome {
  const temporary = failed.filter((f) => f.temporary !== false);
  if (temporary.length > 0) {
    return { outcome: 'temporary-failure', reason: `${temporary.length} request${temporary.length === 1 ? '' : 's'} failed for a temporary reason (${temporary[0]?.message})` };
  }
  const unusable = failed.filter((f) => !f.unknown);
  if (fetched === 0 && unusable.length > 0) {
    return { outcome: 'temporary-failure', reason: `nothing fetched could be used: ${unusable.length} answer${unusable.length === 1 ? '' : 's'} rejected (${unusable[0]?.message})` };
  }
  return { outcome: 'ok' };
}
