/**
 * The symbols the daemon looks after: every held symbol, every symbol with an alert (an alert on a
 * symbol nobody refreshes would never fire), every watched symbol, and the FX pairs that price holdings in the base currency.
 */
import type { Db } from '../store/db.js';
import { fxSymbol, getQuotes } from '../store/prices.js';
import { heldSymbols } from '../store/transactions.js';
import { allWatchedSymbols } from '../store/watchlists.js';
import type { SymbolInfo } from './plan.js';

/**
 * Symbols with a positive quantity now (buys less sells, through splits). A position sold out
 * needs no more quotes, though its past closes still matter for returns (history keeps them).
 */
export function openPositions(db: Db): Set<string> {
  const rows = db
    .prepare("SELECT symbol, type, quantity, ratio, to_symbol AS toSymbol FROM transactions WHERE symbol IS NOT NULL AND type IN ('buy','sell','split','rename','spinoff') ORDER BY date, id")
    .all() as { symbol: string; type: string; quantity: number | null; ratio: string | null; toSymbol: string | null }[];
  const qty = new Map<string, number>();
  for (const r of rows) {
    const q = qty.get(r.symbol) ?? 0;
    if (r.type === 'buy') qty.set(r.symbol, q + (r.quantity ?? 0));
    else if (r.type === 'sell') qty.set(r.symbol, q - (r.quantity ?? 0));
    else if ((r.type === 'rename' || r.type === 'spinoff') && r.toSymbol) {
      const [n, m] = (r.ratio ?? '1:1').split(':').map(Number);
      qty.set(r.toSymbol, (qty.get(r.toSymbol) ?? 0) + (n && m ? (q * n) / m : q));
      if (r.type === 'rename') qty.set(r.symbol, 0);
    } else if (r.ratio) {
      const [n, m] = r.ratio.split(':').map(Number);
      if (n && m) qty.set(r.symbol, (q * n) / m);
    }
  }
  return new Set([...qty].filter(([, q]) => q > 1e-9).map(([s]) => s));
}

/** `open: true` keeps only open positions (quotes); otherwise every symbol ever held (history). */
export function trackedSymbols(db: Db, baseCurrency: string, options: { open?: boolean } = {}): SymbolInfo[] {
  let held: { symbol: string; currency: string | null }[] = heldSymbols(db);
  if (options.open) {
    const open = openPositions(db);
    held = held.filter((h) => open.has(h.symbol));
  }
  const heldSet = new Set(held.map((h) => h.symbol));
  for (const a of db.prepare('SELECT DISTINCT symbol FROM alerts ORDER BY symbol').all() as { symbol: string }[]) {
    if (!heldSet.has(a.symbol)) held.push({ symbol: a.symbol, currency: null });
  }
  const listed = new Set(held.map((h) => h.symbol));
  for (const symbol of allWatchedSymbols(db)) if (!listed.has(symbol)) held.push({ symbol, currency: null });
  if (held.length === 0) return [];
  const known = new Map(
    (
      db
        .prepare(
          `SELECT j.value AS symbol, COALESCE(q.exchange_timezone, i.exchange_timezone) AS tz, i.quote_type AS quoteType,
                  COALESCE(q.currency, i.currency) AS currency
           FROM json_each(?) j LEFT JOIN quotes q ON q.symbol = j.value LEFT JOIN instruments i ON i.symbol = j.value`,
        )
        .all(JSON.stringify(held.map((h) => h.symbol))) as { symbol: string; tz: string | null; quoteType: string | null; currency: string | null }[]
    ).map((r) => [r.symbol, r]),
  );
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
