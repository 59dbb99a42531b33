/**
 * Per-symbol lookups in the `instruments` table (what is known of each symbol: currency, exchange
 * time zone, quote type). Its writers and table-wide readers sit in quote-cache.ts, with the
 * quotes that fill it.
 */
import type { Db } from './db.js';

/** Per-symbol readers of the instruments table (statements prepared once): its quote type, and its exchange time zone and currency. */
export function instrumentReader(db: Db): {
  quoteType(symbol: string): string | null;
  zoneAndCurrency(symbol: string): { tz: string | null; currency: string | null } | undefined;
} {
  const typeOf = db.prepare('SELECT quote_type AS t FROM instruments WHERE symbol = ?');
  const inst = db.prepare('SELECT exchange_timezone AS tz, currency FROM instruments WHERE symbol = ?');
  return {
    quoteType: (s) => (typeOf.get(s) as { t: string | null } | undefined)?.t ?? null,
    zoneAndCurrency: (s) => inst.get(s) as { tz: string | null; currency: string | null } | undefined,
  };
}
