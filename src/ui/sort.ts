/** Sort orders of the holdings table (key `s` cycles them). */
import { dayChangePct, gainPct, type HoldingView } from './view-model.js';

export const SORT_KEYS = ['value', 'day', 'gain', 'symbol', 'weight'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  value: 'value',
  day: 'day %',
  gain: 'gain %',
  symbol: 'symbol',
  weight: 'weight',
};

export function nextSort(key: SortKey): SortKey {
  const i = SORT_KEYS.indexOf(key);
  return SORT_KEYS[(i + 1) % SORT_KEYS.length] as SortKey;
}

// Missing numbers sort last whatever the direction, so unpriced rows never hide the top of the list.
function desc(a: number | null | undefined, b: number | null | undefined): number {
  const an = a === null || a === undefined || !Number.isFinite(a);
  const bn = b === null || b === undefined || !Number.isFinite(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return (b as number) - (a as number);
}

// The state (selection) and the frame sort the same rows on every render: sort each list once per
// key. Results are shared, so callers must not mutate them.
const memo = new WeakMap<readonly HoldingView[], Map<SortKey, HoldingView[]>>();

export function sortHoldings(rows: readonly HoldingView[], key: SortKey): HoldingView[] {
  let byKey = memo.get(rows);
  if (!byKey) memo.set(rows, (byKey = new Map()));
  let sorted = byKey.get(key);
  if (!sorted) byKey.set(key, (sorted = sortedCopy(rows, key)));
  return sorted;
}

function sortedCopy(rows: readonly HoldingView[], key: SortKey): HoldingView[] {
  const out = [...rows];
  const bySymbol = (a: HoldingView, b: HoldingView) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  const cmp: (a: HoldingView, b: HoldingView) => number =
    key === 'symbol'
      ? bySymbol
      : key === 'day'
        ? (a, b) => desc(dayChangePct(a), dayChangePct(b)) || bySymbol(a, b)
        : key === 'gain'
          ? (a, b) => desc(gainPct(a), gainPct(b)) || bySymbol(a, b)
          : key === 'weight'
            ? (a, b) => desc(a.weight, b.weight) || bySymbol(a, b)
            : (a, b) => desc(a.marketValue, b.marketValue) || bySymbol(a, b);
  return out.sort(cmp);
}
