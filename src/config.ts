import { existsSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { AppError } from './base/errors.js';
import { excerpt } from './base/sanitize.js';
import { PROVIDER_CONFIG_DEFAULTS, PROVIDER_SECTIONS, providerConfigEntries } from './config-providers.js';

// valibot rather than zod: it validates the same way but costs ~8 ms to import instead of ~50 ms,
// and config is read on the dashboard's critical path.

// The schema is built on first use: when there is no config file (the common case, and the
// dashboard's first frame) the defaults below are returned without building or running it.
function buildSchema() {
  const currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'expected a three-letter ISO currency code such as "USD"'));
  const cronExpr = v.pipe(v.string(), v.minLength(1, 'expected a cron expression'));
  const posInt = (max: number) =>
    v.pipe(v.number('expected a number'), v.integer('expected a whole number'), v.minValue(1, 'expected at least 1'), v.maxValue(max, `expected at most ${max}`));

  const yahooSchema = v.strictObject({
    baseUrl: v.optional(
      v.pipe(
        v.string('expected a URL such as "http://127.0.0.1:8080"'),
        v.url('expected a URL such as "http://127.0.0.1:8080"'),
        v.check(isHttpUrl, 'expected an http:// or https:// URL'),
      ),
    ),
    requestsPerSecond: v.optional(v.pipe(v.number('expected a number'), v.minValue(0.01), v.maxValue(100)), 4),
    concurrency: v.optional(posInt(16), 2),
    timeoutMs: v.optional(posInt(120_000), 10_000),
    retries: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), 3),
    // market data: connect timeout, first retry delay (doubles, with jitter), the longest Retry-After
    // worth waiting for, and the largest body accepted.
    connectTimeoutMs: v.optional(posInt(60_000), 5_000),
    backoffMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)), 500),
    maxRetryAfterSeconds: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(3600)), 30),
    maxBodyBytes: v.optional(posInt(1_000_000_000), 5_000_000),
  });

  const breakerSchema = v.strictObject({
    failureThreshold: v.optional(posInt(100), 5),
    cooldownSeconds: v.optional(posInt(86_400), 300),
  });

  const dashboardSchema = v.strictObject({
    refreshSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(86_400)), 60),
  });

  const daemonSchema = v.strictObject({
    quotesCron: v.optional(cronExpr, '*/5 * * * *'),
    historyCron: v.optional(cronExpr, '30 22 * * 1-5'),
    fxCron: v.optional(cronExpr, '0 23 * * *'),
    warmCron: v.optional(cronExpr, '0 6 * * *'),
    housekeepingCron: v.optional(cronExpr, '15 3 * * *'),
  });

  const notifySchema = v.strictObject({
    desktop: v.optional(v.boolean('expected true or false'), false),
    /** argv of a command run with the message appended as its last argument (no shell). */
    command: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1, 'expected a non-empty argv array'))),
    timeoutMs: v.optional(posInt(60_000), 5_000),
  });

  /** Realized gains: a lot sold after this many calendar months is long-term (docs/gains-and-income.md). */
  const gainsSchema = v.strictObject({
    longTermMonths: v.optional(v.pipe(v.number('expected a number'), v.integer('expected a whole number'), v.minValue(1), v.maxValue(600)), 12),
  });
  const benchmarkSymbol = v.pipe(v.string(), v.minLength(1), v.maxLength(40));

  /** config.json. Every key is optional; defaults suit a personal portfolio priced by Yahoo. */
  return v.strictObject({
    baseCurrency: v.optional(currency, 'USD'),
    costMethod: v.optional(v.picklist(['avg', 'fifo'], 'expected "avg" or "fifo"'), 'avg'),
    provider: v.optional(v.picklist(['yahoo', 'sim'], 'expected "yahoo" or "sim"'), 'yahoo'),
    /** A quote younger than this, in an open market, is fresh. */
    quoteTtlSeconds: v.optional(posInt(86_400), 300),
    yahoo: v.optional(yahooSchema, {}),
    breaker: v.optional(breakerSchema, {}),
    dashboard: v.optional(dashboardSchema, {}),
    daemon: v.optional(daemonSchema, {}),
    notify: v.optional(notifySchema, {}),
    gains: v.optional(gainsSchema, {}),
    ...providerConfigEntries(),
    /** Default benchmark(s) for `performance` and `chart`: one symbol or a list. */
    benchmark: v.optional(v.union([benchmarkSymbol, v.array(benchmarkSymbol)], 'expected a symbol or a list of symbols'), []),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;
export function configSchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema();
  return schema;
}

export type Config = v.InferOutput<ReturnType<typeof buildSchema>>;

/** What the schema gives for `{}` (test/store/db.test.ts checks that they agree). */
const DEFAULTS: Config = {
  baseCurrency: 'USD',
  costMethod: 'avg',
  provider: 'yahoo',
  quoteTtlSeconds: 300,
  yahoo: { requestsPerSecond: 4, concurrency: 2, timeoutMs: 10_000, retries: 3, connectTimeoutMs: 5_000, backoffMs: 500, maxRetryAfterSeconds: 30, maxBodyBytes: 5_000_000 },
  breaker: { failureThreshold: 5, cooldownSeconds: 300 },
  dashboard: { refreshSeconds: 60 },
  daemon: { quotesCron: '*/5 * * * *', historyCron: '30 22 * * 1-5', fxCron: '0 23 * * *', warmCron: '0 6 * * *', housekeepingCron: '15 3 * * *' },
  notify: { desktop: false, timeoutMs: 5_000 },
  gains: { longTermMonths: 12 },
  ...PROVIDER_CONFIG_DEFAULTS,
  benchmark: [],
};

/** The configured default benchmarks as a list (config "benchmark" takes one symbol or a list). */
export function benchmarksOf(config: Config): string[] {
  const b = config.benchmark;
  return typeof b === 'string' ? [b] : [...b];
}

export function defaultConfig(): Config {
  // A fresh copy each time: callers may adjust theirs (environment overrides).
  return JSON.parse(JSON.stringify(DEFAULTS)) as Config;
}

/** Validates a parsed config object; a bad config names the key and what was expected. */
export function parseConfig(raw: unknown, source = 'config.json'): Config {
  // valibot's strictObject lets an empty array through (no keys, none unknown): refuse arrays where objects belong.
  const sections = ['yahoo', 'breaker', 'dashboard', 'daemon', 'notify', 'gains', ...PROVIDER_SECTIONS];
  const arrayAt = Array.isArray(raw) ? '(top level)' : sections.find((k) => Array.isArray((raw as Record<string, unknown> | null)?.[k]));
  if (arrayAt) throw new AppError(`invalid config in ${source}`, { details: [`  ${arrayAt}: expected an object, not an array`] });
  const result = v.safeParse(configSchema(), raw);
  if (result.success) return result.output;
  const details = result.issues.map((issue) => {
    const key = v.getDotPath(issue) ?? '(top level)';
    return `  ${key}: ${issueMessage(issue)}`;
  });
  throw new AppError(`invalid config in ${source}`, { details });
}

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^/]/i.test(text);
}

/** Our words for a schema issue: valibot's own ("Expected never but received ...") are for developers. */
function issueMessage(issue: v.BaseIssue<unknown>): string {
  const got = issue.input === undefined ? 'nothing' : excerpt(JSON.stringify(issue.input) ?? String(issue.input), 40);
  // An unknown key (strictObject): say so, rather than "expected never".
  if (issue.expected === 'never') return `unknown key (got ${got}); check its spelling against the documented keys`;
  if (!issue.message.startsWith('Invalid ')) return `${issue.message}, got ${got}`;
  const want = issue.expected && issue.expected !== 'unknown' ? issue.expected.replace(/^!/, 'not ') : 'another value';
  return `expected ${want}, got ${got}`;
}

export function loadConfig(path: string): Config {
  if (!existsSync(path)) return defaultConfig();
  let text: string;
  try {
    // Editors on Windows save JSON with a UTF-8 byte order mark; JSON.parse does not skip it.
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new AppError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError(`invalid config in ${path}: not valid JSON (${(err as Error).message})`);
  }
  return parseConfig(raw, path);
}
