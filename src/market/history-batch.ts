/**
 * Daily history in batches: a symbol whose history is covered up to some recent day only needs the
 * days since, which a provider with a batch form (the chain: Yahoo's spark, 20 symbols a request)
 * answers for many symbols at once. What it cannot answer goes on to the per-symbol path.
 */
import { addDays } from '../core/dates.js';
import type { Db } from '../store/db.js';
import { getCoverage, storeHistory } from '../store/quote-cache.js';
import type { MarketProvider } from './types.js';

/** Longest gap (days) a batch top-up fills; longer gaps get the per-symbol chart. */
const MAX_TOP_UP_DAYS = 80;

export async function topUpInBatches(
  db: Db, provider: MarketProvider, work: readonly { symbol: string; ranges: [string, string][] }[], now: () => Date, signal?: AbortSignal, context?: string,
): Promise<Set<string>> {
  const stored = new Set<string>();
  if (!provider.closes) return stored;
  const ups: { symbol: string; from: string; to: string }[] = [];
  for (const w of work) {
    const cov = getCoverage(db, w.symbol);
    const only = w.ranges.length === 1 ? w.ranges[0] : undefined;
    if (!cov || !only || only[0] !== addDays(cov.to, 1)) continue;
    if ((Date.parse(only[1]) - Date.parse(only[0])) / 86_400_000 > MAX_TOP_UP_DAYS) continue;
    ups.push({ symbol: w.symbol, from: only[0], to: only[1] });
  }
  if (ups.length === 0) return stored;
  const { histories } = await provider.closes(ups, signal, context);
  if (signal?.aborted) return stored;
  const want = new Map(ups.map((u) => [u.symbol, u]));
  for (const h of histories) {
    const u = want.get(h.symbol);
    if (!u) continue;
    storeHistory(db, h, { from: u.from, to: u.to }, h.source ?? provider.name, now());
    stored.add(h.symbol);
  }
  return stored;
}
