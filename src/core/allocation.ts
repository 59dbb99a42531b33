/**
 * Allocation: value and weight per group (asset class, currency, account, symbol, country, sector),
 * with targets and drift. Pure: callers pass positions valued in the base currency.
 */
import { isFxPair } from './currency.js';

export const ALLOCATION_KINDS = ['class', 'currency', 'account', 'symbol', 'country', 'sector'] as const;
export type AllocationKind = (typeof ALLOCATION_KINDS)[number];

export function isAllocationKind(s: string): s is AllocationKind {
  return (ALLOCATION_KINDS as readonly string[]).includes(s);
}

/** The group that uninvested cash falls in, whatever the kind (for `account`, cash stays with its account). */
export const CASH_GROUP = 'cash';

/** Where a group's key comes from when neither config nor provider says: shown, never guessed further. */
export const UNKNOWN_GROUP = 'unknown';

/** Our asset class for a provider's instrument type (Yahoo's quoteType; sim and other providers use the same words). */
export function classOfQuoteType(quoteType: string | null | undefined): string {
  switch ((quoteType ?? '').toUpperCase()) {
    case 'EQUITY':
      return 'equity';
    case 'ETF':
      return 'etf';
    case 'MUTUALFUND':
      return 'fund';
    case 'CRYPTOCURRENCY':
      return 'crypto';
    case 'CURRENCY':
      return 'currency';
    case 'INDEX':
      return 'index';
    case 'FUTURE':
      return 'future';
    case 'OPTION':
      return 'option';
    default:
      return UNKNOWN_GROUP;
  }
}

// Yahoo symbol suffix -> ISO country of the listing's exchange. A listing's country is where it
// trades, which a provider's profile may refine (and config may override per symbol).
const SUFFIX_COUNTRY: Readonly<Record<string, string>> = {
  L: 'GB', IL: 'GB', DE: 'DE', F: 'DE', BE: 'DE', DU: 'DE', HM: 'DE', MU: 'DE', SG: 'DE', PA: 'FR', AS: 'NL', BR: 'BE',
  MI: 'IT', MC: 'ES', LS: 'PT', SW: 'CH', VI: 'AT', ST: 'SE', OL: 'NO', CO: 'DK', HE: 'FI', IR: 'IE', WA: 'PL',
  PR: 'CZ', AT: 'GR', IS: 'TR', TO: 'CA', V: 'CA', CN: 'CA', NE: 'CA', AX: 'AU', NZ: 'NZ', T: 'JP', HK: 'HK',
  SS: 'CN', SZ: 'CN', KS: 'KR', KQ: 'KR', TW: 'TW', TWO: 'TW', SI: 'SG', BO: 'IN', NS: 'IN', JK: 'ID', KL: 'MY',
  BK: 'TH', SA: 'BR', MX: 'MX', BA: 'AR', SN: 'CL', JO: 'ZA', TA: 'IL', SR: 'SA', QA: 'QA',
};

/**
 * The country of a symbol's listing from its Yahoo form: a known exchange suffix, else (no suffix)
 * a US listing. Crypto and FX belong to no country.
 */
export function countryOfListing(symbol: string, assetClass: string): string {
  if (assetClass === 'crypto' || assetClass === 'currency') return UNKNOWN_GROUP;
  if (isFxPair(symbol) || symbol.startsWith('^')) return UNKNOWN_GROUP;
  const dot = symbol.lastIndexOf('.');
  if (dot <= 0) return /^[A-Z0-9-]+$/.test(symbol) ? 'US' : UNKNOWN_GROUP;
  return SUFFIX_COUNTRY[symbol.slice(dot + 1).toUpperCase()] ?? UNKNOWN_GROUP;
}

export interface AllocationItem {
  key: string;
  value: number;
}

export interface AllocationGroup {
  key: string;
  value: number;
  /** value / total (0..1); null when the total is not positive. */
  weight: number | null;
  /** Target weight (0..1), null when none is set. */
  target: number | null;
  /** weight - target, null without a target. */
  drift: number | null;
}

export interface Allocation {
  total: number;
  groups: AllocationGroup[];
  /** Sum over targeted groups of |weight - target| (0..2): 0 is on target. */
  totalDrift: number;
  /** Sum of the targets set (0..1). */
  targeted: number;
}

/**
 * Sums items per key and sets weights, targets and drift. Groups with a target but no value appear
 * with value 0. Ordered by value (largest first), then key, so output is the same between runs.
 */
export function allocate(items: readonly AllocationItem[], targets: ReadonlyMap<string, number> = new Map()): Allocation {
  const sums = new Map<string, number>();
  for (const it of items) {
    if (!Number.isFinite(it.value)) continue;
    sums.set(it.key, (sums.get(it.key) ?? 0) + it.value);
  }
  for (const key of targets.keys()) if (!sums.has(key)) sums.set(key, 0);
  let total = 0;
  for (const v of sums.values()) total += v;
  const groups: AllocationGroup[] = [];
  let totalDrift = 0;
  let targeted = 0;
  for (const [key, value] of sums) {
    const weight = total > 0 ? value / total : null;
    const target = targets.get(key) ?? null;
    const drift = target !== null && weight !== null ? weight - target : null;
    if (target !== null) {
      targeted += target;
      totalDrift += Math.abs(drift ?? target);
    }
    groups.push({ key, value, weight, target, drift });
  }
  groups.sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { total, groups, totalDrift, targeted };
}

/** Checks that a new set of targets for one kind adds up to at most 100%. */
export function checkTargets(targets: ReadonlyMap<string, number>): string | null {
  let sum = 0;
  for (const [key, t] of targets) {
    if (!(t >= 0 && t <= 1)) return `the target for ${key} must be between 0 and 100%`;
    sum += t;
  }
  if (sum > 1 + 1e-9) return `targets add up to ${(sum * 100).toFixed(2).replace(/\.?0+$/, '')}%, more than 100%`;
  return null;
}
