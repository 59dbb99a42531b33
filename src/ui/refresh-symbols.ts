/** Which symbols a dashboard refresh asks for, and how to say plainly what did not refresh. */
import { fxSymbol, toMajorUnits } from '../core/currency.js';
import type { RefreshResult } from '../market/types.js';
import type { DashboardReport } from './view-model.js';

/** Held symbols, the FX pairs that turn their prices into the base currency, then watched ones (same batches). */
export function refreshSymbols(report: DashboardReport & { holdings: { priceCurrency?: string }[] }, watched: readonly string[] = []): string[] {
  const base = report.baseCurrency;
  const symbols = new Set<string>();
  const currencies = new Set<string>();
  for (const h of report.holdings) {
    symbols.add(h.symbol);
    currencies.add(h.priceCurrency ?? h.currency);
  }
  for (const c of [...currencies].sort()) {
    const major = toMajorUnits(c).currency;
    if (major !== base) symbols.add(fxSymbol(major, base));
  }
  for (const s of watched) symbols.add(s);
  return [...symbols];
}

/** Per-symbol reasons for rows that did not refresh. */
export function failureReasons(res: RefreshResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of res.failed) {
    if (f.message === 'aborted') continue;
    out[f.symbol] = f.unknown
      ? 'unknown symbol'
      : res.circuit === 'open'
        ? 'provider backing off'
        : res.fetched === 0
          ? 'provider down'
          : `not refreshed: ${f.message}`;
  }
  return out;
}

export function describeRefresh(res: RefreshResult): string | null {
  if (res.circuit === 'open') {
    return `provider unavailable (circuit open): ${res.failed.length || 'some'} prices not refreshed, showing cached ones`;
  }
  if (res.failed.length === 0) return null;
  const unknown = res.failed.filter((f) => f.unknown);
  const other = res.failed.filter((f) => !f.unknown);
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`unknown symbol${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 3).map((f) => f.symbol).join(', ')}`);
  if (other.length > 0 && res.fetched === 0) parts.push(`provider down (${other[0]?.message ?? 'error'}): showing cached prices`);
  else if (other.length > 0) parts.push(`${other.length} not refreshed (${other[0]?.message ?? 'error'})`);
  return parts.join(' · ');
}
