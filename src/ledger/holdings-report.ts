/**
 * Holdings from the cache alone (never the network): the `holdings --json` contract shape plus a
 * few extra keys. This is the dashboard's first frame, so it reads the positions snapshot (one row;
 * a replay of the ledger only when that is stale) and a handful of batched queries whatever the
 * number of holdings. Costs and realized results come from that summary and cached prices are
 * applied here, so a new quote never invalidates the snapshot.
 */
import { todayIso } from '../core/dates.js';
import type { CostMethod } from '../core/holdings.js';
import type { FreshnessState } from '../core/types.js';
import type { Db } from '../store/db.js';
import { loadFx } from './fx-rates.js';
import { ledgerSummary } from './positions-snapshot.js';
import { lookupPrices } from './price-lookup.js';

export interface HoldingRow {
  symbol: string;
  name: string | null;
  quantity: number;
  currency: string;
  price: number | null;
  priceCurrency: string;
  /** The provider that gave the price, or 'manual' (contract). */
  priceSource: string | null;
  priceTime: string | null;
  ageSeconds: number | null;
  stale: boolean;
  freshness: FreshnessState;
  freshnessReason: string | null;
  marketValue: number | null;
  costBasis: number | null;
  averageCost: number | null;
  unrealizedGain: number | null;
  unrealizedGainPct: number | null;
  realizedGain: number | null;
  dividends: number | null;
  dayChange: number | null;
  dayChangePct: number | null;
  weight: number | null;
  /** Shares per account, for holdings spread over several accounts. */
  accounts: { account: string; quantity: number }[];
}

export interface HoldingsTotals {
  marketValue: number;
  costBasis: number;
  unrealizedGain: number;
  /** Over the holdings that have both a value and a cost. */
  unrealizedGainPct: number | null;
  realizedGain: number;
  dividends: number;
  interest: number;
  fees: number;
  /** Tax paid less tax refunded. */
  taxes: number;
  cash: number;
  totalValue: number;
  dayChange: number;
  dayChangePct: number | null;
}

export interface HoldingsReport {
  asOf: string;
  baseCurrency: string;
  costMethod: CostMethod;
  totals: HoldingsTotals;
  holdings: HoldingRow[];
  cash: { account: string; currency: string; amount: number; amountBase: number | null }[];
  warnings: string[];
}

export interface HoldingsReportOptions {
  baseCurrency: string;
  costMethod: CostMethod;
  now: Date;
  ttlSeconds: number;
}

const fin = (n: number): number | null => (Number.isFinite(n) ? n : null);

export function buildHoldingsReport(db: Db, options: HoldingsReportOptions): HoldingsReport {
  const { baseCurrency: base, costMethod, now, ttlSeconds } = options;
  const fx = loadFx(db, base);
  const summary = ledgerSummary(db, costMethod, base, fx, todayIso(now));
  const prices = lookupPrices(db, summary.positions.map((p) => p.symbol).sort(), now, ttlSeconds);
  const warnings: string[] = [...summary.problems];
  const noPrice: string[] = [];
  const rows: HoldingRow[] = [];
  for (const p of summary.positions) {
    const pp = prices.get(p.symbol);
    const priceCurrency = pp?.currency ?? p.currency;
    const rate = pp?.price != null ? fx.latest(priceCurrency) : NaN;
    const mv = pp?.price != null ? p.quantity * pp.price * rate : NaN;
    if (pp?.price == null) noPrice.push(p.symbol);
    const dayChange = pp?.price != null && pp.previous != null ? p.quantity * (pp.price - pp.previous) * rate : NaN;
    rows.push({
      symbol: p.symbol,
      name: pp?.name ?? null,
      quantity: p.quantity,
      currency: p.currency,
      price: pp?.price ?? null,
      priceCurrency,
      priceSource: pp?.source ?? null,
      priceTime: pp?.priceTime ?? null,
      ageSeconds: pp?.ageSeconds ?? null,
      stale: (pp?.freshness ?? 'missing') !== 'fresh',
      freshness: pp?.freshness ?? 'missing',
      freshnessReason: pp ? pp.freshnessReason : 'never fetched',
      marketValue: fin(mv),
      costBasis: fin(p.costBase),
      averageCost: p.quantity > 0 ? p.cost / p.quantity : null,
      unrealizedGain: fin(mv - p.costBase),
      unrealizedGainPct: p.costBase > 0 ? fin((mv - p.costBase) / p.costBase) : null,
      realizedGain: fin(p.realizedBase),
      dividends: fin(p.dividendsBase),
      dayChange: fin(dayChange),
      dayChangePct: pp?.price != null && pp.previous ? fin((pp.price - pp.previous) / pp.previous) : null,
      weight: null,
      accounts: p.accounts,
    });
  }
  rows.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));

  const totals: HoldingsTotals = {
    marketValue: 0,
    costBasis: 0,
    unrealizedGain: 0,
    unrealizedGainPct: null,
    realizedGain: summary.realizedBase,
    dividends: summary.dividendsBase,
    interest: summary.interestBase,
    fees: summary.feesBase,
    taxes: summary.taxesBase,
    cash: 0,
    totalValue: 0,
    dayChange: 0,
    dayChangePct: null,
  };
  let previousValue = 0;
  let pricedCost = 0;
  for (const r of rows) {
    totals.marketValue += r.marketValue ?? 0;
    totals.costBasis += r.costBasis ?? 0;
    if (r.marketValue !== null && r.costBasis !== null) {
      totals.unrealizedGain += r.marketValue - r.costBasis;
      pricedCost += r.costBasis;
    }
    if (r.dayChange !== null && r.marketValue !== null) {
      totals.dayChange += r.dayChange;
      previousValue += r.marketValue - r.dayChange;
    }
  }
  for (const r of rows) r.weight = r.marketValue !== null && totals.marketValue > 0 ? r.marketValue / totals.marketValue : null;
  if (pricedCost > 0) totals.unrealizedGainPct = totals.unrealizedGain / pricedCost;
  if (previousValue > 0) totals.dayChangePct = totals.dayChange / previousValue;

  const cash = summary.cash.map((c) => ({ ...c, amountBase: fin(c.amount * fx.latest(c.currency)) }));
  for (const c of cash) totals.cash += c.amountBase ?? 0;
  totals.totalValue = totals.marketValue + totals.cash;

  noPrice.sort();
  if (noPrice.length > 0) {
    const list = noPrice.length > 10 ? `${noPrice.slice(0, 10).join(', ')} and ${noPrice.length - 10} more` : noPrice.join(', ');
    warnings.push(`no price cached for ${list}: left out of the market value; run "portfolio warm" or "portfolio prices set SYMBOL CLOSE"`);
  }
  warnings.push(...fx.warnings());
  return { asOf: now.toISOString(), baseCurrency: base, costMethod, totals, holdings: rows, cash, warnings };
}
