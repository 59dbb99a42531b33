/**
 * Writers for fetched market data: latest quotes, daily closes (never touching manual_close),
 * dividend/split events, history coverage and unknown-symbol marks. Each call is one transaction,
 * so a process killed at any moment leaves either all of a batch or none of it.
 */
import { isFutureDay } from '../core/future-stamp.js';
import type { Quote } from '../core/types.js';
import type { ProviderHistory } from '../core/market-data.js';
import type { Db } from './db.js';

/**
 * A name that says nothing the symbol does not ("VTI", "VTI (simulated)", empty). It never
 * replaces a known name (the demo's, or an earlier provider's); any other name does, so a real
 * provider's name still updates.
 */
export function isPlaceholderName(symbol: string, name: string | null): boolean {
  if (name === null) return true;
  const n = name.trim();
  return n === '' || n === symbol || (n.startsWith(`${symbol} (`) && n.endsWith(')'));
}

export function upsertQuotes(db: Db, quotes: readonly Quote[], extra: ReadonlyMap<string, { quoteType: string | null; exchange: string | null; week52Low?: number | null; week52High?: number | null }> = new Map()): void {
  if (quotes.length === 0) return;
  const q = db.prepare(
    `INSERT INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
     VALUES (@symbol, @price, @previousClose, @currency,
       CASE WHEN @weakName = 1 THEN COALESCE((SELECT i.name FROM instruments i WHERE i.symbol = @symbol), @name) ELSE @name END,
       @marketTime, @marketState, @exchangeTimezone, @fetchedAt, @source)
     ON CONFLICT(symbol) DO UPDATE SET price = excluded.price, previous_close = excluded.previous_close, currency = excluded.currency,
       name = COALESCE(excluded.name, quotes.name), market_time = excluded.market_time, market_state = excluded.market_state,
       exchange_timezone = COALESCE(excluded.exchange_timezone, quotes.exchange_timezone), fetched_at = excluded.fetched_at, source = excluded.source`,
  );
  const inst = db.prepare(
    `INSERT INTO instruments (symbol, name, currency, exchange, quote_type, exchange_timezone, unknown_until, unknown_reason, week52_low, week52_high)
     VALUES (@symbol, @name, @currency, @exchange, @quoteType, @exchangeTimezone, NULL, NULL, @week52Low, @week52High)
     ON CONFLICT(symbol) DO UPDATE SET name = CASE WHEN @weakName = 1 THEN COALESCE(instruments.name, excluded.name) ELSE COALESCE(excluded.name, instruments.name) END,
       currency = excluded.currency,
       exchange = COALESCE(excluded.exchange, instruments.exchange), quote_type = COALESCE(excluded.quote_type, instruments.quote_type),
       exchange_timezone = COALESCE(excluded.exchange_timezone, instruments.exchange_timezone), unknown_until = NULL, unknown_reason = NULL,
       week52_low = COALESCE(excluded.week52_low, instruments.week52_low), week52_high = COALESCE(excluded.week52_high, instruments.week52_high)`,
  );
  db.transaction(() => {
    for (const quote of quotes) {
      const weakName = isPlaceholderName(quote.symbol, quote.name) ? 1 : 0;
      q.run({ ...quote, weakName });
      const x = extra.get(quote.symbol);
      inst.run({ symbol: quote.symbol, name: quote.name, weakName, currency: quote.currency, exchange: x?.exchange ?? null, quoteType: x?.quoteType ?? null, exchangeTimezone: quote.exchangeTimezone, week52Low: x?.week52Low ?? null, week52High: x?.week52High ?? null });
    }
  }).immediate();
}

export interface Coverage {
  from: string;
  to: string;
}

export function getCoverage(db: Db, symbol: string): Coverage | null {
  const row = db.prepare('SELECT from_date AS "from", to_date AS "to" FROM history_coverage WHERE symbol = ?').get(symbol) as Coverage | undefined;
  return row ?? null;
}

/**
 * Stores one fetched range [from, to] of daily history and widens the symbol's coverage to include
 * it. Callers only fetch ranges adjacent to the existing coverage, so coverage stays one interval.
 */
export function storeHistory(db: Db, h: ProviderHistory, range: Coverage, source: string, now: Date): void {
  const close = db.prepare(
    `INSERT INTO daily_closes (symbol, date, close, currency, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(symbol, date) DO UPDATE SET close = excluded.close, currency = excluded.currency,
       source = CASE WHEN daily_closes.manual_close IS NULL THEN excluded.source ELSE daily_closes.source END, fetched_at = excluded.fetched_at`,
  );
  const div = db.prepare(
    `INSERT INTO market_events (symbol, date, kind, amount) VALUES (?, ?, 'dividend', ?)
     ON CONFLICT(symbol, date, kind) DO UPDATE SET amount = excluded.amount`,
  );
  const split = db.prepare(
    `INSERT INTO market_events (symbol, date, kind, numerator, denominator) VALUES (?, ?, 'split', ?, ?)
     ON CONFLICT(symbol, date, kind) DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator`,
  );
  const cov = db.prepare(
    `INSERT INTO history_coverage (symbol, from_date, to_date, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(symbol) DO UPDATE SET from_date = MIN(history_coverage.from_date, excluded.from_date),
       to_date = MAX(history_coverage.to_date, excluded.to_date), fetched_at = excluded.fetched_at`,
  );
  const iso = now.toISOString();
  db.transaction(() => {
    // Closes dated after today anywhere are refused (see core/future-stamp.ts).
    for (const b of h.bars) if (!isFutureDay(b.date, now)) close.run(h.symbol, b.date, b.close, h.currency, source, iso);
    for (const d of h.dividends) div.run(h.symbol, d.date, d.amount);
    for (const s of h.splits) split.run(h.symbol, s.date, s.numerator, s.denominator);
    cov.run(h.symbol, range.from, range.to, iso);
  }).immediate();
}

/** Remembers that the provider does not know a symbol, so it is not asked again before `until`. */
export function markUnknown(db: Db, symbol: string, reason: string, until: Date): void {
  db.prepare(
    `INSERT INTO instruments (symbol, unknown_until, unknown_reason) VALUES (?, ?, ?)
     ON CONFLICT(symbol) DO UPDATE SET unknown_until = excluded.unknown_until, unknown_reason = excluded.unknown_reason`,
  ).run(symbol, until.toISOString(), reason);
}

/** Symbols currently marked unknown, with the reason. */
export function unknownSymbols(db: Db, now: Date): Map<string, string> {
  const rows = db
    .prepare('SELECT symbol, unknown_reason AS reason, unknown_until AS until FROM instruments WHERE unknown_until IS NOT NULL AND unknown_until > ?')
    .all(now.toISOString()) as { symbol: string; reason: string | null; until: string }[];
  return new Map(rows.map((r) => [r.symbol, `${r.reason ?? 'unknown symbol'} (not asked again before ${r.until})`]));
}

/** Quote types known for symbols (from earlier quotes), for freshness rules. */
export function instrumentTypes(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT symbol, quote_type AS t FROM instruments WHERE quote_type IS NOT NULL').all() as { symbol: string; t: string }[];
  return new Map(rows.map((r) => [r.symbol, r.t]));
}

/** The provider's split events already known for a symbol (from earlier history fetches), oldest first. */
export function storedSplits(db: Db, symbol: string): { date: string; numerator: number; denominator: number }[] {
  return db
    .prepare("SELECT date, numerator, denominator FROM market_events WHERE symbol = ? AND kind = 'split' AND numerator > 0 AND denominator > 0 ORDER BY date")
    .all(symbol) as { date: string; numerator: number; denominator: number }[];
}

/** What the cache knows of each symbol: its exchange's time zone, quote type and currency (the latest quote wins over the instrument row). */
export function symbolHints(db: Db, symbols: readonly string[]): Map<string, { tz: string | null; quoteType: string | null; currency: string | null }> {
  const rows = db
    .prepare(
      `SELECT j.value AS symbol, COALESCE(q.exchange_timezone, i.exchange_timezone) AS tz, i.quote_type AS quoteType,
              COALESCE(q.currency, i.currency) AS currency
       FROM json_each(?) j LEFT JOIN quotes q ON q.symbol = j.value LEFT JOIN instruments i ON i.symbol = j.value`,
    )
    .all(JSON.stringify(symbols)) as { symbol: string; tz: string | null; quoteType: string | null; currency: string | null }[];
  return new Map(rows.map((r) => [r.symbol, r]));
}

/** Every instrument's exchange time zone and quote type. */
export function instrumentHints(db: Db): Map<string, { tz: string | null; type: string | null }> {
  const rows = db.prepare('SELECT symbol, exchange_timezone AS tz, quote_type AS type FROM instruments').all() as { symbol: string; tz: string | null; type: string | null }[];
  return new Map(rows.map((r) => [r.symbol, { tz: r.tz, type: r.type }]));
}

/** When a symbol's cached quote was fetched and traded, with its market's hints (for `status`). */
export interface QuoteAge {
  symbol: string;
  fetchedAt: string | null;
  marketTime: string | null;
  marketState: string | null;
  exchangeTimezone: string | null;
  quoteType: string | null;
}

/** The quote ages of `symbols`, one row each (nulls when nothing is cached). */
export function quoteAges(db: Db, symbols: readonly string[]): QuoteAge[] {
  return db
    .prepare(
      `SELECT j.value AS symbol, q.fetched_at AS fetchedAt, q.market_time AS marketTime, q.market_state AS marketState,
              COALESCE(q.exchange_timezone, i.exchange_timezone) AS exchangeTimezone, i.quote_type AS quoteType
       FROM json_each(?) j LEFT JOIN quotes q ON q.symbol = j.value LEFT JOIN instruments i ON i.symbol = j.value`,
    )
    .all(JSON.stringify(symbols)) as QuoteAge[];
}

/** Cash dividends per share the provider reported for a symbol, by date. */
export function storedDividends(db: Db, symbol: string, to: string): { date: string; amount: number }[] {
  return db
    .prepare("SELECT date, amount FROM market_events WHERE symbol = ? AND kind = 'dividend' AND amount > 0 AND date <= ? ORDER BY date")
    .all(symbol, to) as { date: string; amount: number }[];
}

/** The currency a symbol is priced in, from its quote, its instrument record or its closes; null when unknown. */
export function symbolCurrency(db: Db, symbol: string): string | null {
  const row = db
    .prepare(
      `SELECT COALESCE((SELECT currency FROM quotes WHERE symbol = @s), (SELECT currency FROM instruments WHERE symbol = @s),
        (SELECT currency FROM daily_closes WHERE symbol = @s AND currency IS NOT NULL ORDER BY date DESC LIMIT 1)) AS c`,
    )
    .get({ s: symbol }) as { c: string | null } | undefined;
  return row?.c ?? null;
}

/** Empties the cached market data: quotes, closes, coverage, events, instruments (in that order). Only for the demo's database. */
export function clearMarketData(db: Db): void {
  for (const table of ['quotes', 'daily_closes', 'history_coverage', 'market_events', 'instruments']) db.prepare(`DELETE FROM ${table}`).run();
}

/**
 * Writers of a simulated price history (the demo's), each statement prepared once: an instrument's
 * name (kept up to date), a close added only where none is stored (returns 1 when added), and the
 * coverage set to [from, to].
 */
export function simHistoryWriter(db: Db): {
  nameInstrument(symbol: string, name: string, currency: string, quoteType: string): void;
  addClose(symbol: string, date: string, close: number, currency: string, fetchedAt: string): number;
  setCoverage(symbol: string, from: string, to: string, fetchedAt: string): void;
} {
  const upsertName = db.prepare(
    `INSERT INTO instruments (symbol, name, currency, quote_type) VALUES (?, ?, ?, ?)
     ON CONFLICT(symbol) DO UPDATE SET name = excluded.name`,
  );
  const insertClose = db.prepare(
    `INSERT INTO daily_closes (symbol, date, close, currency, source, fetched_at) VALUES (?, ?, ?, ?, 'sim', ?)
     ON CONFLICT(symbol, date) DO NOTHING`,
  );
  const setCoverage = db.prepare(
    `INSERT INTO history_coverage (symbol, from_date, to_date, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(symbol) DO UPDATE SET to_date = excluded.to_date, fetched_at = excluded.fetched_at`,
  );
  return {
    nameInstrument: (symbol, name, currency, quoteType) => void upsertName.run(symbol, name, currency, quoteType),
    addClose: (symbol, date, close, currency, fetchedAt) => insertClose.run(symbol, date, close, currency, fetchedAt).changes,
    setCoverage: (symbol, from, to, fetchedAt) => void setCoverage.run(symbol, from, to, fetchedAt),
  };
}
