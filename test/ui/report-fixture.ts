/** Hand-made dashboard reports for UI tests (the contract's holdings shape plus display extras). */
import type { DashboardReport, HoldingView } from '../../src/ui/view-model.js';

export function holding(symbol: string, over: Partial<HoldingView> = {}): HoldingView {
  const price = over.price === undefined ? 100 : over.price;
  const quantity = over.quantity ?? 10;
  const marketValue = price === null ? null : price * quantity;
  return {
    symbol,
    name: `${symbol} Corp`,
    quantity,
    currency: 'USD',
    price,
    priceTime: '2026-11-28T15:00:00.000Z',
    ageSeconds: price === null ? null : 12,
    stale: false,
    marketValue,
    costBasis: 800,
    averageCost: 80,
    unrealizedGain: marketValue === null ? null : marketValue - 800,
    unrealizedGainPct: marketValue === null ? null : (marketValue - 800) / 800,
    realizedGain: 0,
    dayChange: marketValue === null ? null : 10,
    dayChangePct: marketValue === null ? null : 0.01,
    weight: null,
    freshness: price === null ? 'missing' : 'fresh',
    freshnessReason: price === null ? 'never fetched' : null,
    ...over,
  };
}

export function report(holdings: HoldingView[], over: Partial<DashboardReport> = {}): DashboardReport {
  const total = holdings.reduce((s, h) => s + (h.marketValue ?? 0), 0);
  for (const h of holdings) if (h.weight === null && h.marketValue !== null && total > 0) h.weight = h.marketValue / total;
  return {
    asOf: '2026-11-28T15:00:12.000Z',
    baseCurrency: 'USD',
    totals: {
      marketValue: total,
      costBasis: holdings.reduce((s, h) => s + (h.costBasis ?? 0), 0),
      unrealizedGain: holdings.reduce((s, h) => s + (h.unrealizedGain ?? 0), 0),
      realizedGain: 0,
      dividends: 0,
      fees: 0,
      cash: 500,
      dayChange: holdings.reduce((s, h) => s + (h.dayChange ?? 0), 0),
    },
    holdings,
    warnings: [],
    ...over,
  };
}

/** Three rows: fresh, stale (market closed... no: provider backing off) and missing. */
export function mixedReport(): DashboardReport {
  return report([
    holding('AAPL', { price: 190, quantity: 10, dayChangePct: 0.02, dayChange: 37 }),
    holding('VOD.L', { price: 0.7, quantity: 1000, freshness: 'stale', stale: true, ageSeconds: 3 * 3600, freshnessReason: 'provider backing off', dayChangePct: -0.01, dayChange: -7 }),
    holding('ZZZZ', { price: null, freshnessReason: 'unknown symbol' }),
  ]);
}
