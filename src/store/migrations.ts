import { sqlIsFxPair } from './fx-sql.js';

/**
 * Schema migrations, applied in order inside one transaction each and keyed on PRAGMA user_version.
 * Append new migrations; never edit one that has shipped.
 */
/**
 * Migration 2's recomputation of one symbol's last_closes row from daily_closes, used by three of
 * its triggers (trigger bodies can call no SQL functions of ours). Part of a shipped migration:
 * never edit it, add a migration instead.
 */
function lastClosesOf(symbol: string, extra = ''): string {
  return `INSERT INTO last_closes (symbol, date, close, manual, currency, prev_date, prev_close)
      SELECT a.symbol, a.date, COALESCE(a.manual_close, a.close), a.manual_close IS NOT NULL, a.currency, p.date, COALESCE(p.manual_close, p.close)
      FROM daily_closes a LEFT JOIN daily_closes p ON p.symbol = a.symbol AND p.date = (
        SELECT b.date FROM daily_closes b WHERE b.symbol = a.symbol AND b.date < a.date AND COALESCE(b.manual_close, b.close) IS NOT NULL ORDER BY b.date DESC LIMIT 1)
      WHERE a.symbol = ${symbol} AND COALESCE(a.manual_close, a.close) IS NOT NULL${extra} ORDER BY a.date DESC LIMIT 1;`;
}


/**
 * Migration 9's conditions. An FX close row (NEW or OLD) that is or was its pair's first positive
 * close: every earlier trade converts at it.
 */
function firstClose(row: 'NEW' | 'OLD'): string {
  return `NOT EXISTS (SELECT 1 FROM daily_closes WHERE symbol = ${row}.symbol AND date < ${row}.date AND COALESCE(manual_close, close) > 0)`;
}
/** Some trade is dated on or after `date`: it converts at the close on or before its own date. */
function tradesSee(date: string): string {
  return `EXISTS (SELECT 1 FROM transactions WHERE date >= ${date})`;
}
/** An FX close update that moved its pair, its date or its effective value (not one writing the same again). */
const FX_CLOSE_MOVED = `(${sqlIsFxPair('NEW.symbol')} OR ${sqlIsFxPair('OLD.symbol')})
    AND (NEW.symbol IS NOT OLD.symbol OR NEW.date IS NOT OLD.date OR COALESCE(NEW.manual_close, NEW.close) IS NOT COALESCE(OLD.manual_close, OLD.close))`;

export const MIGRATIONS: readonly string[] = [
  // 1: the whole initial schema.
  `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  );

  CREATE TABLE instruments (
    symbol TEXT PRIMARY KEY,
    name TEXT,
    currency TEXT,
    exchange TEXT,
    quote_type TEXT,
    exchange_timezone TEXT,
    -- an unknown symbol is not asked for again before this instant
    unknown_until TEXT,
    unknown_reason TEXT
  );

  CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('buy','sell','dividend','interest','fee','deposit','withdrawal','split')),
    symbol TEXT,
    quantity REAL,
    price REAL,
    amount REAL,
    fee REAL NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    note TEXT,
    ratio TEXT,
    -- identity of an imported row (content hash + occurrence), so re-importing a file adds nothing
    import_key TEXT UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  );
  CREATE INDEX transactions_symbol_date ON transactions(symbol, date);
  CREATE INDEX transactions_date ON transactions(date);

  -- latest quote per symbol (FX pairs such as EURUSD=X included)
  CREATE TABLE quotes (
    symbol TEXT PRIMARY KEY,
    price REAL NOT NULL,
    previous_close REAL,
    currency TEXT NOT NULL,
    name TEXT,
    market_time TEXT,
    market_state TEXT,
    exchange_timezone TEXT,
    fetched_at TEXT NOT NULL,
    source TEXT NOT NULL
  );

  -- daily closes; a manual close wins over a fetched one: effective close = COALESCE(manual_close, close)
  CREATE TABLE daily_closes (
    symbol TEXT NOT NULL,
    date TEXT NOT NULL,
    close REAL,
    manual_close REAL,
    currency TEXT,
    source TEXT,
    fetched_at TEXT,
    PRIMARY KEY (symbol, date)
  ) WITHOUT ROWID;

  -- which date ranges of history have been fetched (non-trading days have no rows, so rows alone cannot say)
  CREATE TABLE history_coverage (
    symbol TEXT PRIMARY KEY,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    fetched_at TEXT NOT NULL
  );

  -- dividend and split events reported by the provider
  CREATE TABLE market_events (
    symbol TEXT NOT NULL,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('dividend','split')),
    amount REAL,
    numerator REAL,
    denominator REAL,
    PRIMARY KEY (symbol, date, kind)
  ) WITHOUT ROWID;

  -- every HTTP request made to a provider
  CREATE TABLE http_log (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    provider TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    symbols TEXT,
    status INTEGER,
    ms REAL,
    error TEXT,
    context TEXT
  );
  CREATE INDEX http_log_ts ON http_log(ts);

  -- counters and timings: cache.hit, cache.miss, dashboard.first_frame_ms, ...
  CREATE TABLE metrics (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    context TEXT
  );
  CREATE INDEX metrics_name_ts ON metrics(name, ts);

  -- circuit breaker shared by every process on this database
  CREATE TABLE breaker (
    name TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('closed','open','half-open')),
    failures INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT,
    probe_at TEXT,
    updated_at TEXT NOT NULL
  );

  -- small key/value facts: provider session (cookie, crumb) with expiry, last warm, ...
  CREATE TABLE kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires_at TEXT,
    updated_at TEXT NOT NULL
  );

  -- cooperative locks (warm, daemon) that a crashed holder does not leave stuck
  CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    info TEXT
  );

  CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY,
    job TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT,
    requests INTEGER NOT NULL DEFAULT 0,
    message TEXT
  );
  CREATE INDEX job_runs_job_started ON job_runs(job, started_at);

  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    symbol TEXT,
    read INTEGER NOT NULL DEFAULT 0,
    delivered_at TEXT,
    delivery_error TEXT
  );
  CREATE INDEX notifications_read ON notifications(read, ts);

  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('above','below','move')),
    threshold REAL NOT NULL,
    armed INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    last_fired_at TEXT
  );

  -- the portfolio's daily series per base currency (performance, chart), extended rather than
  -- rebuilt: triggers record the earliest day whose closes changed since it was written
  CREATE TABLE perf_cache (
    base_currency TEXT PRIMARY KEY,
    start_day INTEGER NOT NULL,
    length INTEGER NOT NULL,
    series BLOB NOT NULL,
    warnings TEXT NOT NULL,
    dirty_from TEXT
  );
  CREATE TRIGGER perf_cache_close_insert AFTER INSERT ON daily_closes BEGIN
    UPDATE perf_cache SET dirty_from = NEW.date WHERE dirty_from IS NULL OR dirty_from > NEW.date;
  END;
  CREATE TRIGGER perf_cache_close_update AFTER UPDATE OF close, manual_close ON daily_closes BEGIN
    UPDATE perf_cache SET dirty_from = MIN(OLD.date, NEW.date) WHERE dirty_from IS NULL OR dirty_from > MIN(OLD.date, NEW.date);
  END;
  CREATE TRIGGER perf_cache_close_delete AFTER DELETE ON daily_closes BEGIN
    UPDATE perf_cache SET dirty_from = OLD.date WHERE dirty_from IS NULL OR dirty_from > OLD.date;
  END;
  -- any ledger change can flip an account's cash rule for all of its history: rebuild
  CREATE TRIGGER perf_cache_tx_insert AFTER INSERT ON transactions BEGIN DELETE FROM perf_cache; END;
  CREATE TRIGGER perf_cache_tx_update AFTER UPDATE ON transactions BEGIN DELETE FROM perf_cache; END;
  CREATE TRIGGER perf_cache_tx_delete AFTER DELETE ON transactions BEGIN DELETE FROM perf_cache; END;

  -- positions replayed from the ledger (src/ledger/positions-snapshot.ts), so that the dashboard's
  -- first frame reads one row instead of replaying every transaction. A snapshot is valid while
  -- ledger_state.version is the one it was replayed at: triggers bump it on any ledger change and
  -- on any FX close (amounts in base currency use the rate of each trade's date); fx_quote_version
  -- moves with FX quotes, which matter only to a snapshot that converted at a latest rate.
  CREATE TABLE ledger_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    fx_quote_version INTEGER NOT NULL
  );
  INSERT INTO ledger_state (id, version, fx_quote_version) VALUES (1, 0, 0);
  CREATE TABLE positions_cache (
    cost_method TEXT NOT NULL,
    base_currency TEXT NOT NULL,
    version INTEGER NOT NULL,
    -- set only when the replay used a latest FX rate
    fx_quote_version INTEGER,
    snapshot TEXT NOT NULL,
    PRIMARY KEY (cost_method, base_currency)
  );
  CREATE TRIGGER ledger_state_tx_insert AFTER INSERT ON transactions BEGIN UPDATE ledger_state SET version = version + 1; END;
  CREATE TRIGGER ledger_state_tx_update AFTER UPDATE ON transactions BEGIN UPDATE ledger_state SET version = version + 1; END;
  CREATE TRIGGER ledger_state_tx_delete AFTER DELETE ON transactions BEGIN UPDATE ledger_state SET version = version + 1; END;
  CREATE TRIGGER ledger_state_fx_close_insert AFTER INSERT ON daily_closes WHEN NEW.symbol LIKE '%=X' BEGIN
    UPDATE ledger_state SET version = version + 1;
  END;
  CREATE TRIGGER ledger_state_fx_close_update AFTER UPDATE OF symbol, date, close, manual_close ON daily_closes
    WHEN NEW.symbol LIKE '%=X' OR OLD.symbol LIKE '%=X' BEGIN
    UPDATE ledger_state SET version = version + 1;
  END;
  CREATE TRIGGER ledger_state_fx_close_delete AFTER DELETE ON daily_closes WHEN OLD.symbol LIKE '%=X' BEGIN
    UPDATE ledger_state SET version = version + 1;
  END;
  CREATE TRIGGER ledger_state_fx_quote_insert AFTER INSERT ON quotes WHEN NEW.symbol LIKE '%=X' BEGIN
    UPDATE ledger_state SET fx_quote_version = fx_quote_version + 1;
  END;
  CREATE TRIGGER ledger_state_fx_quote_update AFTER UPDATE OF symbol, price ON quotes WHEN NEW.symbol LIKE '%=X' OR OLD.symbol LIKE '%=X' BEGIN
    UPDATE ledger_state SET fx_quote_version = fx_quote_version + 1;
  END;
  CREATE TRIGGER ledger_state_fx_quote_delete AFTER DELETE ON quotes WHEN OLD.symbol LIKE '%=X' BEGIN
    UPDATE ledger_state SET fx_quote_version = fx_quote_version + 1;
  END;
  `,
  // 2: each symbol's last two effective closes, kept next to its quote so the dashboard's first
  // frame reads one small row per holding instead of seeking into millions of closes. Triggers
  // keep it exact: a close older than a symbol's second-newest costs two primary-key lookups; a
  // newer one shifts the two slots (about 2 us a row on a bulk insert); an update or delete among
  // the newest two recomputes the symbol from daily_closes. Plain statements only (no OR REPLACE /
  // upsert): the conflict policy of the statement that fires a trigger would override theirs.
  `
  CREATE TABLE last_closes (
    symbol TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    close REAL NOT NULL,
    manual INTEGER NOT NULL,
    currency TEXT,
    prev_date TEXT,
    prev_close REAL
  ) WITHOUT ROWID;

  INSERT INTO last_closes (symbol, date, close, manual, currency, prev_date, prev_close)
  SELECT a.symbol, a.date, COALESCE(a.manual_close, a.close), a.manual_close IS NOT NULL, a.currency, p.date, COALESCE(p.manual_close, p.close)
  FROM (SELECT DISTINCT symbol FROM daily_closes) s
  JOIN daily_closes a ON a.symbol = s.symbol AND a.date = (
    SELECT b.date FROM daily_closes b WHERE b.symbol = s.symbol AND COALESCE(b.manual_close, b.close) IS NOT NULL ORDER BY b.date DESC LIMIT 1)
  LEFT JOIN daily_closes p ON p.symbol = s.symbol AND p.date = (
    SELECT b.date FROM daily_closes b WHERE b.symbol = s.symbol AND b.date < a.date AND COALESCE(b.manual_close, b.close) IS NOT NULL ORDER BY b.date DESC LIMIT 1);

  -- Inserts: two triggers whose result does not depend on which fires first (SQLite does not
  -- specify the order). This one recomputes a symbol on its first close, and when a row was
  -- replaced in one of the two slots (INSERT OR REPLACE) with a different value; a slot that
  -- already holds exactly the new row (the other trigger's shift) needs nothing.
  CREATE TRIGGER last_closes_insert_recompute AFTER INSERT ON daily_closes
    WHEN COALESCE((SELECT (NEW.date = date AND (close IS NOT COALESCE(NEW.manual_close, NEW.close) OR manual <> (NEW.manual_close IS NOT NULL) OR currency IS NOT NEW.currency))
        OR (NEW.date IS prev_date AND prev_close IS NOT COALESCE(NEW.manual_close, NEW.close)) FROM last_closes WHERE symbol = NEW.symbol), COALESCE(NEW.manual_close, NEW.close) IS NOT NULL) BEGIN
    DELETE FROM last_closes WHERE symbol = NEW.symbol;
    ${lastClosesOf('NEW.symbol')}
  END;

  -- A close newer than the newest shifts the two slots; one between them becomes the previous.
  CREATE TRIGGER last_closes_insert_shift AFTER INSERT ON daily_closes
    WHEN COALESCE(NEW.manual_close, NEW.close) IS NOT NULL AND NEW.date > COALESCE((SELECT prev_date FROM last_closes WHERE symbol = NEW.symbol), '') BEGIN
    UPDATE last_closes SET prev_date = date, prev_close = close, date = NEW.date, close = COALESCE(NEW.manual_close, NEW.close),
      manual = NEW.manual_close IS NOT NULL, currency = NEW.currency
      WHERE symbol = NEW.symbol AND NEW.date > date;
    UPDATE last_closes SET prev_date = NEW.date, prev_close = COALESCE(NEW.manual_close, NEW.close)
      WHERE symbol = NEW.symbol AND NEW.date < date AND NEW.date > COALESCE(prev_date, '');
  END;

  CREATE TRIGGER last_closes_update AFTER UPDATE OF symbol, date, close, manual_close, currency ON daily_closes
    WHEN OLD.date >= COALESCE((SELECT prev_date FROM last_closes WHERE symbol = OLD.symbol), '')
      OR NEW.date >= COALESCE((SELECT prev_date FROM last_closes WHERE symbol = NEW.symbol), '') BEGIN
    DELETE FROM last_closes WHERE symbol IN (OLD.symbol, NEW.symbol);
    ${lastClosesOf('OLD.symbol')}
    ${lastClosesOf('NEW.symbol', ' AND NEW.symbol <> OLD.symbol')}
  END;

  CREATE TRIGGER last_closes_delete AFTER DELETE ON daily_closes
    WHEN OLD.date >= COALESCE((SELECT prev_date FROM last_closes WHERE symbol = OLD.symbol), '') BEGIN
    DELETE FROM last_closes WHERE symbol = OLD.symbol;
    ${lastClosesOf('OLD.symbol')}
  END;
  `,
  `
  -- watch: named watchlists (the default one always exists) and their symbols; the 52-week range
  -- a provider gives with a quote, kept with the instrument.
  CREATE TABLE watchlists (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  );
  INSERT INTO watchlists (name, created_at) VALUES ('watchlist', strftime('%Y-%m-%dT%H:%M:%fZ','now'));
  CREATE TABLE watchlist_symbols (
    list TEXT NOT NULL REFERENCES watchlists(name) ON DELETE CASCADE,
    symbol TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (list, symbol)
  );
  CREATE INDEX watchlist_symbols_symbol ON watchlist_symbols (symbol);
  ALTER TABLE instruments ADD COLUMN week52_low REAL;
  ALTER TABLE instruments ADD COLUMN week52_high REAL;
  `,
  `
  -- importers: transaction types tax, tax_refund, transfer, rename and spinoff, and the columns
  -- to_account (transfer), to_symbol (rename, spinoff) and fraction (spinoff). SQLite cannot
  -- widen a CHECK in place: the table is rebuilt (same rows, same ids) and its triggers recreated.
  CREATE TABLE transactions_importers (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('buy','sell','dividend','interest','fee','deposit','withdrawal','split',
      'tax','tax_refund','transfer','rename','spinoff')),
    symbol TEXT,
    quantity REAL,
    price REAL,
    amount REAL,
    fee REAL NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    note TEXT,
    ratio TEXT,
    import_key TEXT UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    to_account_id INTEGER REFERENCES accounts(id),
    to_symbol TEXT,
    fraction REAL
  );
  INSERT INTO transactions_importers (id, date, type, symbol, quantity, price, amount, fee, currency, account_id, note, ratio, import_key, created_at)
    SELECT id, date, type, symbol, quantity, price, amount, fee, currency, account_id, note, ratio, import_key, created_at FROM transactions;
  DROP TABLE transactions;
  ALTER TABLE transactions_importers RENAME TO transactions;
  CREATE INDEX transactions_symbol_date ON transactions(symbol, date);
  CREATE INDEX transactions_date ON transactions(date);
  CREATE INDEX transactions_to_symbol ON transactions(to_symbol) WHERE to_symbol IS NOT NULL;
  CREATE TRIGGER perf_cache_tx_insert AFTER INSERT ON transactions BEGIN DELETE FROM perf_cache; END;
  CREATE TRIGGER perf_cache_tx_update AFTER UPDATE ON transactions BEGIN DELETE FROM perf_cache; END;
  CREATE TRIGGER perf_cache_tx_delete AFTER DELETE ON transactions BEGIN DELETE FROM perf_cache; END;
  CREATE TRIGGER ledger_state_tx_insert AFTER INSERT ON transactions BEGIN UPDATE ledger_state SET version = version + 1; END;
  CREATE TRIGGER ledger_state_tx_update AFTER UPDATE ON transactions BEGIN UPDATE ledger_state SET version = version + 1; END;
  CREATE TRIGGER ledger_state_tx_delete AFTER DELETE ON transactions BEGIN UPDATE ledger_state SET version = version + 1; END;
  -- alerts follow a rename (FB -> META): price thresholds scale by M/N for a ratio N:M
  CREATE TRIGGER alerts_follow_rename AFTER INSERT ON transactions WHEN NEW.type = 'rename' AND NEW.to_symbol IS NOT NULL BEGIN
    UPDATE alerts SET symbol = NEW.to_symbol,
      threshold = CASE WHEN kind IN ('above','below') AND instr(COALESCE(NEW.ratio, ''), ':') > 0
        THEN threshold * CAST(substr(NEW.ratio, instr(NEW.ratio, ':') + 1) AS REAL) / CAST(substr(NEW.ratio, 1, instr(NEW.ratio, ':') - 1) AS REAL)
        ELSE threshold END
      WHERE symbol = NEW.symbol;
  END;
  DELETE FROM perf_cache;
  UPDATE ledger_state SET version = version + 1;
  `,
  `
  -- providers: prices refused as implausible (not finite, not positive, or a jump with no split
  -- known), per provider and with the reason; the next provider in the chain was asked instead.
  -- Quotes and daily closes already carry their source (the provider, or 'manual').
  CREATE TABLE price_rejections (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    symbol TEXT NOT NULL,
    provider TEXT NOT NULL,
    price REAL,
    reason TEXT NOT NULL
  );
  CREATE INDEX price_rejections_ts ON price_rejections(ts);
  CREATE INDEX http_log_provider_ts ON http_log(provider, ts);
  `,
  // allocation: target weights per group, one set per kind of grouping.
  `
  -- allocation: target weights (0..1) per group and kind; each kind's targets add up to at most 1
  CREATE TABLE allocation_targets (
    kind TEXT NOT NULL CHECK (kind IN ('class','currency','account','symbol','country','sector')),
    grp TEXT NOT NULL,
    weight REAL NOT NULL CHECK (weight >= 0 AND weight <= 1),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, grp)
  ) WITHOUT ROWID;
  `,
  `
  -- gains2: the lot engine's state at each year end (src/returns/stored-replay.ts), so that a
  -- year's gains replays only that year. Per cost method, base currency and long-term months:
  -- state (open lots, problems, FX notes; cumulative), the year's sales, and its rows that income
  -- counts (with the shares held at each dividend). Triggers drop every year from the one a change touches: a transaction's date
  -- (old and new), an FX close's date, or all years when that close is or was its pair's first
  -- (earlier dates convert at the first close), or when an account is renamed.
  CREATE TABLE lot_replay (
    cost_method TEXT NOT NULL,
    base_currency TEXT NOT NULL,
    long_term_months INTEGER NOT NULL,
    year TEXT NOT NULL,
    state TEXT NOT NULL,
    sales TEXT NOT NULL,
    income TEXT NOT NULL,
    PRIMARY KEY (cost_method, base_currency, long_term_months, year)
  );
  -- the FX preload's distinct currencies: a skip over this index instead of a scan of every row
  CREATE INDEX transactions_currency ON transactions(currency);
  CREATE TRIGGER lot_replay_tx_insert AFTER INSERT ON transactions BEGIN
    DELETE FROM lot_replay WHERE year >= substr(NEW.date, 1, 4);
  END;
  CREATE TRIGGER lot_replay_tx_update AFTER UPDATE ON transactions BEGIN
    DELETE FROM lot_replay WHERE year >= MIN(substr(OLD.date, 1, 4), substr(NEW.date, 1, 4));
  END;
  CREATE TRIGGER lot_replay_tx_delete AFTER DELETE ON transactions BEGIN
    DELETE FROM lot_replay WHERE year >= substr(OLD.date, 1, 4);
  END;
  CREATE TRIGGER lot_replay_account_update AFTER UPDATE OF name ON accounts BEGIN DELETE FROM lot_replay; END;
  CREATE TRIGGER lot_replay_account_delete AFTER DELETE ON accounts BEGIN DELETE FROM lot_replay; END;
  CREATE TRIGGER lot_replay_fx_close_insert AFTER INSERT ON daily_closes WHEN NEW.symbol LIKE '%=X' BEGIN
    DELETE FROM lot_replay WHERE year >= substr(NEW.date, 1, 4) OR NOT EXISTS (
      SELECT 1 FROM daily_closes WHERE symbol = NEW.symbol AND date < NEW.date AND COALESCE(manual_close, close) > 0);
  END;
  CREATE TRIGGER lot_replay_fx_close_update AFTER UPDATE OF symbol, date, close, manual_close ON daily_closes
    WHEN NEW.symbol LIKE '%=X' OR OLD.symbol LIKE '%=X' BEGIN
    DELETE FROM lot_replay WHERE year >= MIN(substr(OLD.date, 1, 4), substr(NEW.date, 1, 4))
      OR NOT EXISTS (SELECT 1 FROM daily_closes WHERE symbol = NEW.symbol AND date < NEW.date AND COALESCE(manual_close, close) > 0)
      OR NOT EXISTS (SELECT 1 FROM daily_closes WHERE symbol = OLD.symbol AND date < OLD.date AND COALESCE(manual_close, close) > 0);
  END;
  CREATE TRIGGER lot_replay_fx_close_delete AFTER DELETE ON daily_closes WHEN OLD.symbol LIKE '%=X' BEGIN
    DELETE FROM lot_replay WHERE year >= substr(OLD.date, 1, 4) OR NOT EXISTS (
      SELECT 1 FROM daily_closes WHERE symbol = OLD.symbol AND date < OLD.date AND COALESCE(manual_close, close) > 0);
  END;
  `,
  // holdings: the replay's own state beside its summary, so that rows appended later are replayed alone.
  `
  -- positions_cache.replay_state: the replay's state (lots, positions, cash) at the row's version,
  -- resumed with the transactions inserted since when they all date on or after its last one.
  ALTER TABLE positions_cache ADD COLUMN replay_state BLOB;
  `,
  // Stored replays survive the FX closes that cannot change them: a close whose effective value did
  // not move (a re-fetch of the same history), and a close dated after every transaction (each
  // day's close written by warm) once the pair has an earlier one. A replay converts a trade at the
  // close on or before its date: only trades dated on or after a changed close, or every trade of a
  // pair that had no earlier close, can see the change. Every FX close change still moves
  // fx_quote_version: a snapshot that fell back on a latest rate (stamped with it) is replayed.
  // The FX-pair test is derived from isFxPair's suffix (src/store/fx-sql.ts).
  `
  DROP TRIGGER ledger_state_fx_close_insert;
  DROP TRIGGER ledger_state_fx_close_update;
  DROP TRIGGER ledger_state_fx_close_delete;
  DROP TRIGGER lot_replay_fx_close_update;
  CREATE TRIGGER ledger_state_fx_close_insert AFTER INSERT ON daily_closes WHEN ${sqlIsFxPair('NEW.symbol')} BEGIN
    UPDATE ledger_state SET fx_quote_version = fx_quote_version + 1;
    UPDATE ledger_state SET version = version + 1 WHERE ${tradesSee('NEW.date')} OR ${firstClose('NEW')};
  END;
  CREATE TRIGGER ledger_state_fx_close_update AFTER UPDATE OF symbol, date, close, manual_close ON daily_closes WHEN ${FX_CLOSE_MOVED} BEGIN
    UPDATE ledger_state SET fx_quote_version = fx_quote_version + 1;
    UPDATE ledger_state SET version = version + 1 WHERE ${tradesSee('MIN(OLD.date, NEW.date)')} OR ${firstClose('NEW')} OR ${firstClose('OLD')};
  END;
  CREATE TRIGGER ledger_state_fx_close_delete AFTER DELETE ON daily_closes WHEN ${sqlIsFxPair('OLD.symbol')} BEGIN
    UPDATE ledger_state SET fx_quote_version = fx_quote_version + 1;
    UPDATE ledger_state SET version = version + 1 WHERE ${tradesSee('OLD.date')} OR ${firstClose('OLD')};
  END;
  CREATE TRIGGER lot_replay_fx_close_update AFTER UPDATE OF symbol, date, close, manual_close ON daily_closes WHEN ${FX_CLOSE_MOVED} BEGIN
    DELETE FROM lot_replay WHERE year >= MIN(substr(OLD.date, 1, 4), substr(NEW.date, 1, 4)) OR ${firstClose('NEW')} OR ${firstClose('OLD')};
  END;
  `,
];
