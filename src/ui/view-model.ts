/**
 * What the dashboard shows: the contract's `holdings --json` shape plus display extras. The ledger's
 * holdings report produces it; the UI only reads it (hand-made ones in tests).
 */
import type { FreshnessState } from '../core/types.js';

export interface HoldingView {
  symbol: string;
  name?: string | null;
  quantity: number;
  currency: string;
  price: number | null;
  priceTime: string | null;
  ageSeconds: number | null;
  stale: boolean;
  marketValue: number | null;
  costBasis: number | null;
  averageCost?: number | null;
  unrealizedGain: number | null;
  unrealizedGainPct?: number | null;
  realizedGain?: number | null;
  dayChange: number | null;
  dayChangePct?: number | null;
  weight: number | null;
  freshness?: FreshnessState;
  freshnessReason?: string | null;
  /** The provider (or 'manual') that gave the price. */
  priceSource?: string | null;
}

export interface ReportTotals {
  marketValue: number;
  costBasis: number;
  unrealizedGain: number;
  realizedGain: number;
  dividends: number;
  fees: number;
  cash: number;
  dayChange: number;
}

export interface DashboardReport {
  asOf: string;
  baseCurrency: string;
  totals: ReportTotals;
  holdings: HoldingView[];
  warnings?: string[];
}

/** The freshness state of a row, derived from older report shapes when the field is absent. */
export function rowFreshness(h: HoldingView): FreshnessState {
  if (h.freshness) return h.freshness;
  if (h.price === null) return 'missing';
  return h.stale ? 'stale' : 'fresh';
}

export function dayChangePct(h: HoldingView): number | null {
  if (h.dayChangePct !== undefined) return h.dayChangePct;
  if (h.dayChange === null || h.marketValue === null) return null;
  const prev = h.marketValue - h.dayChange;
  return prev > 0 ? h.dayChange / prev : null;
}

export function gainPct(h: HoldingView): number | null {
  if (h.unrealizedGainPct !== undefined) return h.unrealizedGainPct;
  if (h.unrealizedGain === null || h.costBasis === null || h.costBasis <= 0) return null;
  return h.unrealizedGain / h.costBasis;
}
