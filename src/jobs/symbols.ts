/**
 * The symbols the daemon looks after: every held symbol, every symbol with an alert (an alert on a
 * symbol nobody refreshes would never fire), every watched symbol, and the FX pairs that price holdings in the base currency.
 */
import { fxSymbol } from '../core/currency.js';
import { alertSymbols } from '../store/alerts.js';
import type { Db } from '../store/db.js';
import { getQuotes } from '../store/prices.js';
import { symbolHints } from '../store/quote-cache.js';
import { heldSymbols, openPositions } from '../store/transactions.js';
import { allWatchedSymbols } from '../store/watchlists.js';

export { openPositions } from '../store/transactions.js';
import type { SymbolInfo } from './plan.js';

/** `open: true` keeps only open positions (quotes); otherwise every symbol ever held (history). */
export function trackedSymbols(db: Db, baseCurrency: string, options: { open?: boolean } = {}): SymbolInfo[] {
  let held: { symbol: string; currency: string | null }[] = heldSymbols(db);
  if (options.open) {
    const open = openPositions(db);
    held = held.filter((h) => open.has(h.symbol));
  }
  const heldSet = new Set(held.map((h) => h.symbol));
  for (const symbol of alertSymbols(db)) {
    if (!heldSet.has(symbol)) held.push({ symbol, currency: null });
  }
  const listed = new Set(held.map((h) => h.symbol));
  for (const symbol of allWatchedSymbols(db)) if (!listed.has(symbol)) held.push({ symbol, currency: null });
  if (held.length === 0) return [];
  const known = symbolHints(db, held.map((h) => h.symbol));
  const out: SymbolInfo[] = [];
  const currencies = new Set<string>();
  for (const h of held) {
    const k = known.get(h.symbol);
    out.push({ symbol: h.symbol, exchangeTimezone: k?.tz ?? null, quoteType: k?.quoteType ?? null, quote: null });
    const currency = k?.currency ?? h.currency;
    if (currency && heldSet.has(h.symbol)) currencies.add(currency);
  }
  for (const c of [...currencies].sort()) {
    if (c !== baseCurrency) out.push({ symbol: fxSymbol(c, baseCurrency), quoteType: 'CURRENCY', quote: null });
  }
  // The cached quotes, for the refresh rule (core/needs-quote) of the quotes tick.
  const cached = getQuotes(db, out.map((s) => s.symbol));
  for (const s of out) {
    const q = cached.get(s.symbol);
    if (q) s.quote = { ...q, exchangeTimezone: q.exchangeTimezone ?? s.exchangeTimezone ?? null, quoteType: s.quoteType ?? null };
  }
  return out;
}
