/**
 * Readers (and the manual-close writer) for cached prices: latest quotes and daily closes.
 * The effective close of a day is COALESCE(manual_close, close): a manual close wins.
 * The market-data layer owns the fetched-price writers (src/store/quotes-cache.ts and friends).
 */
import type { Quote } from '../core/types.js';
import type { Db } from './db.js';
import { sqlIsFxPair } from './fx-sql.js';

interface QuoteRow {
  symbol: string;
  price: number;
  previous_close: number | null;
  currency: string;
  name: string | null;
  market_time: string | null;
  market_state: string | null;
  exchange_timezone: string | null;
  fetched_at: string;
  source: string;
}

function toQuote(r: QuoteRow): Quote {
  return {
    symbol: r.symbol,
    price: r.price,
    previousClose: r.previous_close,
    currency: r.currency,
    name: r.name,
    marketTime: r.market_time,
    marketState: r.market_state,
    exchangeTimezone: r.exchange_timezone,
    fetchedAt: r.fetched_at,
    source: r.source,
  };
}

/** Latest cached quotes for the given symbols (all when omitted). */
export function getQuotes(db: Db, symbols?: readonly string[]): Map<string, Quote> {
  const out = new Map<string, Quote>();
  let rows: QuoteRow[];
  if (symbols === undefined) {
    rows = db.prepare('SELECT * FROM quotes').all() as QuoteRow[];
  } else {
    if (symbols.length === 0) return out;
    rows = db
      .prepare('SELECT q.* FROM quotes q JOIN json_each(?) j ON j.value = q.symbol')
      .all(JSON.stringify(symbols)) as QuoteRow[];
  }
  for (const r of rows) out.set(r.symbol, toQuote(r));
  return out;
}

export interface CloseRow {
  date: string;
  close: number;
}

/** Effective closes of one symbol, oldest first, optionally within [from, to]. */
export function getCloses(db: Db, symbol: string, from?: string, to?: string): CloseRow[] {
  return db
    .prepare(
      `SELECT date, COALESCE(manual_close, close) AS close FROM daily_closes
       WHERE symbol = ? AND date >= ? AND date <= ? AND COALESCE(manual_close, close) IS NOT NULL
       ORDER BY date`,
    )
    .all(symbol, from ?? '0000-00-00', to ?? '9999-99-99') as CloseRow[];
}

/** The close of the last trading day on or before `date` (contract), or null. */
export function closeOnOrBefore(db: Db, symbol: string, date: string): CloseRow | null {
  const row = db
    .prepare(
      `SELECT date, COALESCE(manual_close, close) AS close FROM daily_closes
       WHERE symbol = ? AND date <= ? AND COALESCE(manual_close, close) IS NOT NULL
       ORDER BY date DESC LIMIT 1`,
    )
    .get(symbol, date) as CloseRow | undefined;
  return row ?? null;
}

/** Records manual closes (they win over fetched ones for the same symbol and day). */
export function setManualCloses(db: Db, rows: readonly { symbol: string; date: string; close: number }[]): void {
  const stmt = db.prepare(`INSERT INTO daily_closes (symbol, date, manual_close, source)
    VALUES (@symbol, @date, @close, 'manual')
    ON CONFLICT(symbol, date) DO UPDATE SET manual_close = excluded.manual_close`);
  db.transaction(() => {
    for (const r of rows) stmt.run(r);
  }).immediate();
}

/**
 * Every effective close of `symbols` and of every FX pair (`XXXYYY=X`), by symbol then date, as
 * raw [symbol, date, close] rows streamed for the journal's `P` directives.
 */
export function iterateJournalCloses(db: Db, symbols: readonly string[]): IterableIterator<[string, string, number]> {
  return db
    .prepare(
      `SELECT symbol, date, COALESCE(manual_close, close) AS c FROM daily_closes
       WHERE COALESCE(manual_close, close) IS NOT NULL AND (symbol IN (SELECT value FROM json_each(?)) OR ${sqlIsFxPair('symbol')})
       ORDER BY symbol, date`,
    )
    .raw(true)
    .iterate(JSON.stringify(symbols)) as IterableIterator<[string, string, number]>;
}

/**
 * A reader of one symbol's positive effective closes as raw [date, close] rows, oldest first; the
 * statement is prepared on the first call and reused (FX series are read one currency at a time).
 */
export function positiveClosesReader(db: Db): (symbol: string) => [string, number][] {
  let stmt: ReturnType<Db['prepare']> | undefined;
  return (symbol) => {
    stmt ??= db.prepare(
      `SELECT date, COALESCE(manual_close, close) AS close FROM daily_closes
       WHERE symbol = ? AND COALESCE(manual_close, close) > 0 ORDER BY date`,
    );
    return stmt.raw().all(symbol) as [string, number][];
  };
}

/**
 * One raw row per symbol for the price lookup: its quote (price, previous close, currency, name,
 * market time, market state, timezone, fetched at), its instrument name, its last close (date,
 * close, manual, currency) and the close before it, then the sources of the quote and of the last
 * close. last_closes is kept by triggers on daily_closes (migration 2).
 */
export type PriceRow = [
  string,
  number | null, number | null, string | null, string | null, string | null, string | null, string | null, string | null,
  string | null,
  string | null, number | null, number | null, string | null, number | null,
  string | null, string | null,
];

/** The price rows of `symbols` in one batched query (see PriceRow). */
export function priceRows(db: Db, symbols: readonly string[]): PriceRow[] {
  return db
    .prepare(
      `SELECT j.value, q.price, q.previous_close, q.currency, q.name, q.market_time, q.market_state, q.exchange_timezone, q.fetched_at, i.name,
         l.date, l.close, l.manual, l.currency, l.prev_close, q.source, d.source
       FROM json_each(?) j LEFT JOIN quotes q ON q.symbol = j.value LEFT JOIN instruments i ON i.symbol = j.value
         LEFT JOIN last_closes l ON l.symbol = j.value LEFT JOIN daily_closes d ON d.symbol = l.symbol AND d.date = l.date`,
    )
    .raw()
    .all(JSON.stringify(symbols)) as PriceRow[];
}

/**
 * The effective closes of each of `symbols` within [from, to] as one raw row per symbol that has
 * any: [symbol, its dates joined by commas, its closes joined by commas]. Crossing from SQLite to
 * JS once per symbol instead of once per close is what makes millions of closes cheap.
 */
export function concatenatedCloses(db: Db, symbols: readonly string[], from: string, to: string): [string, string, string][] {
  return db
    .prepare(
      `SELECT symbol, group_concat(date), group_concat(COALESCE(manual_close, close))
       FROM daily_closes
       WHERE symbol IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ?
         AND COALESCE(manual_close, close) IS NOT NULL
       GROUP BY symbol`,
    )
    .raw(true)
    .all(JSON.stringify(symbols), from, to) as [string, string, string][];
}

/**
 * A reader of a symbol's last effective close before a day (YYYY-MM-DD), as [day number, close],
 * one primary-key lookup each; the statement is prepared once per reader.
 */
export function lastCloseBeforeReader(db: Db): (symbol: string, before: string) => [number, number] | undefined {
  const stmt = db
    .prepare(
      `SELECT CAST(julianday(date) - 2440587.5 AS INTEGER), COALESCE(manual_close, close) FROM daily_closes
       WHERE symbol = ? AND date < ? AND COALESCE(manual_close, close) IS NOT NULL ORDER BY date DESC LIMIT 1`,
    )
    .raw(true);
  return (symbol, before) => stmt.get(symbol, before) as [number, number] | undefined;
}

/** The fetched close (not the manual one) stored for a symbol and day; undefined when there is no row. */
export function fetchedClose(db: Db, symbol: string, date: string): number | undefined {
  const row = db.prepare('SELECT close FROM daily_closes WHERE symbol = ? AND date = ?').get(symbol, date) as { close: number } | undefined;
  return row?.close;
}
