/**
 * `allocation` and `rebalance` from the cache alone: the holdings report's values grouped by class,
 * currency, account, symbol, country or sector (config `symbols` overrides what providers say),
 * cash as its own group, with the targets of that kind.
 */
import {
  allocate,
  CASH_GROUP,
  classOfQuoteType,
  countryOfListing,
  UNKNOWN_GROUP,
  type Allocation,
  type AllocationKind,
} from '../core/allocation.js';
import { rebalance, type RebalanceHolding, type RebalanceResult } from '../core/rebalance.js';
import type { Db } from '../store/db.js';
import { instrumentTypes } from '../store/quote-cache.js';
import { targetMap } from '../store/targets.js';
import { buildHoldingsReport, type HoldingsReport, type HoldingsReportOptions } from './holdings-report.js';

export interface SymbolOverride {
  class?: string;
  country?: string;
  sector?: string;
  fractional?: boolean;
}

export interface AllocationOptions extends HoldingsReportOptions {
  overrides: Readonly<Record<string, SymbolOverride>>;
}

export interface AllocationReport extends Allocation {
  by: AllocationKind;
  baseCurrency: string;
  asOf: string;
  /** Holdings with no price: not in any group (their value is unknown). */
  unpriced: string[];
  warnings: string[];
}

/** One holding's (or one account's share of it) value and what it is. */
interface Piece {
  symbol: string;
  account: string | null;
  value: number;
  quantity: number;
  currency: string;
  assetClass: string;
}

function keyOf(by: AllocationKind, p: Piece, o: SymbolOverride | undefined): string {
  switch (by) {
    case 'class':
      return p.assetClass;
    case 'currency':
      return p.currency;
    case 'account':
      return p.account ?? UNKNOWN_GROUP;
    case 'symbol':
      return p.symbol;
    case 'country':
      return o?.country ?? countryOfListing(p.symbol, p.assetClass);
    case 'sector':
      return o?.sector ?? UNKNOWN_GROUP;
  }
}

function pieces(db: Db, report: HoldingsReport, by: AllocationKind, overrides: AllocationOptions['overrides']): Piece[] {
  const types = instrumentTypes(db);
  const out: Piece[] = [];
  for (const h of report.holdings) {
    if (h.marketValue === null || h.quantity === 0) continue;
    const assetClass = overrides[h.symbol]?.class ?? classOfQuoteType(types.get(h.symbol));
    const base = { symbol: h.symbol, currency: h.priceCurrency, assetClass };
    if (by === 'account' && h.accounts.length > 0) {
      for (const a of h.accounts) {
        out.push({ ...base, account: a.account, quantity: a.quantity, value: (h.marketValue * a.quantity) / h.quantity });
      }
    } else out.push({ ...base, account: null, quantity: h.quantity, value: h.marketValue });
  }
  return out;
}

export function allocationReport(db: Db, by: AllocationKind, options: AllocationOptions): AllocationReport {
  const report = buildHoldingsReport(db, options);
  const items = pieces(db, report, by, options.overrides).map((p) => ({ key: keyOf(by, p, options.overrides[p.symbol]), value: p.value }));
  for (const c of report.cash) {
    if (c.amountBase === null || c.amountBase === 0) continue;
    items.push({ key: by === 'account' ? c.account : CASH_GROUP, value: c.amountBase });
  }
  const allocation = allocate(items, targetMap(db, by));
  return {
    by,
    baseCurrency: report.baseCurrency,
    asOf: report.asOf,
    ...allocation,
    unpriced: report.holdings.filter((h) => h.marketValue === null && h.quantity !== 0).map((h) => h.symbol),
    warnings: report.warnings,
  };
}

export interface RebalanceOptions extends AllocationOptions {
  newCash: number;
  allowSell: boolean;
  minTrade: number;
}

export interface RebalanceReport extends RebalanceResult {
  by: AllocationKind;
  baseCurrency: string;
  asOf: string;
  total: number;
  warnings: string[];
}

/** Trades towards the targets of one kind (not `account`: moving money between accounts is no trade). */
export function rebalanceReport(db: Db, by: Exclude<AllocationKind, 'account'>, options: RebalanceOptions): RebalanceReport {
  const report = buildHoldingsReport(db, options);
  const holdings: RebalanceHolding[] = pieces(db, report, by, options.overrides).map((p) => {
    const o = options.overrides[p.symbol];
    return {
      symbol: p.symbol,
      group: keyOf(by, p, o),
      value: p.value,
      price: p.quantity > 0 ? p.value / p.quantity : NaN,
      fractional: o?.fractional ?? p.assetClass === 'crypto',
    };
  });
  const cash = report.cash.reduce((a, c) => a + (c.amountBase ?? 0), 0);
  const result = rebalance({
    holdings,
    cash,
    targets: targetMap(db, by),
    newCash: options.newCash,
    allowSell: options.allowSell,
    minTrade: options.minTrade,
  });
  const total = holdings.reduce((a, h) => a + h.value, 0) + cash + Math.max(0, options.newCash);
  return { by, baseCurrency: report.baseCurrency, asOf: report.asOf, total, ...result, warnings: report.warnings };
}
