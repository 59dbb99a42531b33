/**
 * The dashboard's watchlist views: a watchlist shown in the holdings table's shape (no quantity,
 * value or gain; the day change is per share) and the small alert prompt's steps. Pure.
 */
import type { WatchReport } from '../ledger/watch-report.js';
import type { DashboardReport, HoldingView } from './view-model.js';

export function watchToReport(w: WatchReport, baseCurrency: string): DashboardReport {
  const holdings: HoldingView[] = w.symbols.map((r) => ({
    symbol: r.symbol,
    name: r.name,
    quantity: 0,
    currency: r.currency ?? '',
    price: r.price,
    priceTime: r.priceTime,
    ageSeconds: r.ageSeconds,
    stale: r.stale,
    marketValue: null,
    costBasis: null,
    unrealizedGain: null,
    unrealizedGainPct: null,
    dayChange: r.dayChange,
    dayChangePct: r.dayChangePercent === null ? null : r.dayChangePercent / 100,
    weight: null,
    freshness: r.freshness,
    freshnessReason: r.freshnessReason,
  }));
  const totals = { marketValue: 0, costBasis: 0, unrealizedGain: 0, realizedGain: 0, dividends: 0, fees: 0, cash: 0, dayChange: 0 };
  return { asOf: w.asOf, baseCurrency, totals, holdings };
}

/** The list after `current` (null: holdings) in the cycle holdings -> each list -> holdings. */
export function nextView(current: string | null, lists: readonly string[]): string | null {
  if (lists.length === 0) return null;
  if (current === null) return lists[0] as string;
  const i = lists.indexOf(current);
  return i < 0 || i + 1 >= lists.length ? null : (lists[i + 1] as string);
}

export interface AlertPrompt {
  symbol: string;
  kind: 'above' | 'below' | null;
  text: string;
}

export type PromptStep = { prompt: AlertPrompt | null; done?: { symbol: string; kind: 'above' | 'below'; price: number }; error?: string };

/** One key in the alert prompt: a/b (or > <) picks the side, then digits and Enter give the price. */
export function promptKey(p: AlertPrompt, input: string, key: { return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean }): PromptStep {
  if (key.escape) return { prompt: null };
  if (p.kind === null) {
    if (input === 'a' || input === '>') return { prompt: { ...p, kind: 'above' } };
    if (input === 'b' || input === '<') return { prompt: { ...p, kind: 'below' } };
    return { prompt: p };
  }
  if (key.backspace || key.delete) return { prompt: { ...p, text: p.text.slice(0, -1) } };
  if (key.return) {
    const price = Number(p.text);
    if (p.text === '' || !Number.isFinite(price) || price <= 0) return { prompt: p, error: 'the price must be a number greater than 0' };
    return { prompt: null, done: { symbol: p.symbol, kind: p.kind, price } };
  }
  if (/^[0-9.]$/.test(input) && p.text.length < 16) return { prompt: { ...p, text: p.text + input } };
  return { prompt: p };
}

export function promptText(p: AlertPrompt): string {
  return p.kind === null ? `alert on ${p.symbol}: [a]bove or [b]elow? (Esc cancels)` : `alert on ${p.symbol} ${p.kind}: ${p.text}▏ (Enter saves, Esc cancels)`;
}
