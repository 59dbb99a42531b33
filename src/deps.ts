/**
 * The one place where real dependencies are built: clock, paths, config, database, market service.
 * Everything is lazy so that a command pays only for what it uses (the dashboard's first frame must
 * not wait for the HTTP stack). Tests build Deps with a temp database, a fixed clock and a loopback URL.
 */
import { AppError } from './base/errors.js';
import { excerpt } from './base/sanitize.js';
import { isHttpUrl, loadConfig, type Config } from './config.js';
import { resolvePaths, type Paths } from './paths.js';
import { openDb, type Db } from './store/db.js';
import type { MarketService } from './market/types.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

function parseInstant(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`invalid PORTFOLIO_NOW: ${iso}`);
  return t;
}

/** A clock frozen at an instant: it never moves (in-process tests). */
export function fixedClock(iso: string): Clock {
  const t = parseInstant(iso);
  return { now: () => new Date(t) };
}

/**
 * A clock that starts at an instant and then runs at real speed: PORTFOLIO_NOW=ISO for the binary.
 * The calendar (weekday, market sessions, quote ages) is pinned; elapsed time still passes, so a
 * daemon's heartbeats and a dashboard's "updated 3s ago" behave as they would for a user.
 */
export function clockStartingAt(iso: string): Clock {
  const start = parseInstant(iso);
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

export interface Deps {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** The exit code a command wants when it finishes without throwing (e.g. warm's 75 with partial data). */
  exitCode: number;
  /** Aborted when the user interrupts (SIGINT/SIGTERM, see cli/interrupt.ts): long commands stop, print what they did and return. */
  signal: AbortSignal;
  /** Set by the global `--db` option before any command runs (`adopt`: the `--adopt-db` flag). */
  setDbOverride(path: string | undefined, adopt?: boolean): void;
  paths(): Paths;
  config(): Config;
  db(): Db;
  market(): Promise<MarketService>;
  /** Closes whatever was opened. Safe to call twice. */
  close(): void;
}

export interface DepsOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Replace the market service (tests). */
  market?: () => Promise<MarketService>;
  /** The interrupt signal (main() passes the one its signal source aborts). */
  signal?: AbortSignal;
  /** How long a write waits for another process's lock before giving up with exit 75 (default 10 s; tests shorten it). */
  busyTimeoutMs?: number;
}

export function createDeps(options: DepsOptions = {}): Deps {
  const env = options.env ?? process.env;
  const clock = options.clock ?? (env.PORTFOLIO_NOW ? clockStartingAt(env.PORTFOLIO_NOW) : systemClock);
  let dbOverride: string | undefined;
  let adoptDb = false;
  let paths: Paths | undefined;
  let config: Config | undefined;
  let db: Db | undefined;
  let market: Promise<MarketService> | undefined;

  const deps: Deps = {
    env,
    clock,
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    stdin: options.stdin ?? process.stdin,
    exitCode: 0,
    signal: options.signal ?? new AbortController().signal,
    setDbOverride(path, adopt = false) {
      dbOverride = path;
      adoptDb = adopt;
      paths = undefined;
    },
    paths() {
      paths ??= resolvePaths(env, dbOverride);
      return paths;
    },
    config() {
      if (!config) {
        config = loadConfigSync(deps.paths().configPath, env);
      }
      return config;
    },
    db() {
      db ??= openDb(deps.paths().dbPath, { adopt: adoptDb, busyTimeoutMs: options.busyTimeoutMs });
      return db;
    },
    market() {
      market ??= options.market
        ? options.market()
        : import('./market/create.js').then((m) => m.createMarketService(deps));
      return market;
    },
    close() {
      if (market) {
        const m = market;
        market = undefined;
        void m.then((s) => s.close()).catch(() => undefined);
      }
      if (db) {
        const d = db;
        db = undefined;
        if (d.open) d.close();
      }
    },
  };
  return deps;
}

function loadConfigSync(path: string, env: NodeJS.ProcessEnv): Config {
  const config = loadConfig(path);
  // Environment overrides (contract): PORTFOLIO_PROVIDER, PORTFOLIO_YAHOO_URL.
  if (env.PORTFOLIO_PROVIDER === 'sim' || env.PORTFOLIO_PROVIDER === 'yahoo') config.provider = env.PORTFOLIO_PROVIDER;
  else if (env.PORTFOLIO_PROVIDER) {
    throw new AppError(`PORTFOLIO_PROVIDER must be "yahoo" or "sim", not "${env.PORTFOLIO_PROVIDER}"`);
  }
  if (env.PORTFOLIO_YAHOO_URL) {
    if (!isHttpUrl(env.PORTFOLIO_YAHOO_URL)) throw new AppError(`PORTFOLIO_YAHOO_URL must be an http:// or https:// URL, not "${excerpt(env.PORTFOLIO_YAHOO_URL)}"`);
    config.yahoo = { ...config.yahoo, baseUrl: env.PORTFOLIO_YAHOO_URL };
  }
  return config;
}
