/**
 * The real built binary as a daemon against the fake Yahoo server, on a seconds-level schedule,
 * with PORTFOLIO_NOW on a Wednesday during US market hours so the market counts as open. Processes
 * because signals are what is tested; the status, alert and notification reads between them run
 * in-process (runMain). Every wait is on a condition (a log line, a row, a request), never a sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { addNotification } from '../../src/store/notifications.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { assertFreshDist, BIN, clockEnv } from '../helpers/cli.js';
import { runMain as runCli } from '../helpers/in-process.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDirForFile as tempDir } from '../helpers/tmp.js';

const NOW = '2025-03-12T15:00:00Z';
// The tests run concurrently (each waits on the daemon's one-second ticks, not on the CPU), so each
// has its own fake, home and daemon; all are cleaned up at the end.
const fakes: FakeYahoo[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

interface Daemon {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startDaemon(env: NodeJS.ProcessEnv, args: string[] = ['--quotes-cron', '*/1 * * * * *']): Daemon {
  assertFreshDist();
  const child = spawn(process.execPath, [BIN, 'daemon', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...clockEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, stderr: () => err, exited };
}

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function home(config: Record<string, unknown> = {}) {
  const fake = await startFakeYahoo({ now: () => new Date(NOW) });
  fakes.push(fake);
  const dir = tempDir();
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ yahoo: { timeoutMs: 20_000, retries: 0 }, ...config }),
  );
  const db = openDb(join(dir, 'portfolio.db'));
  insertTransactions(db, [
    { date: '2025-01-06', type: 'buy', symbol: 'MSFT', quantity: 2, price: 400, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null },
    { date: '2025-01-06', type: 'buy', symbol: 'AAPL', quantity: 3, price: 200, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null },
  ]);
  db.close();
  return { dir, fake, env: { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW } };
}

function quoteCount(dir: string): number {
  const db = openDb(join(dir, 'portfolio.db'));
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM quotes WHERE symbol IN ('AAPL','MSFT')").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function query<T>(dir: string, sql: string): T {
  const db = openDb(join(dir, 'portfolio.db'));
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** How long the current run of quotes ticks skipped as fresh has lasted (one row, its end moved per tick). */
function skippedSpanMs(dir: string): number {
  const r = query<{ s: string; e: string } | undefined>(
    dir,
    "SELECT started_at AS s, ended_at AS e FROM job_runs WHERE job = 'quotes' AND outcome = 'skipped' AND message = 'every quote is fresh' ORDER BY id DESC LIMIT 1",
  );
  return r ? Date.parse(r.e) - Date.parse(r.s) : 0;
}

const runningQuotes = (dir: string) => query<{ n: number }>(dir, "SELECT COUNT(*) AS n FROM job_runs WHERE job = 'quotes' AND outcome = 'running'").n;
const finishedQuoteRuns = (dir: string) =>
  query<{ n: number }>(dir, "SELECT COUNT(*) AS n FROM job_runs WHERE job = 'quotes' AND outcome NOT IN ('running', 'skipped')").n;

async function status(env: NodeJS.ProcessEnv) {
  const r = await runCli(['status', '--json'], { env });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { daemon: { running: boolean; pid: number | null; heartbeat: string | null }; symbols: { total: number; fresh: number } };
}

describe.concurrent('portfolio daemon (built binary, fake Yahoo)', () => {
  it('refreshes quotes of open markets, heartbeats, refuses a second daemon, stops on SIGTERM with 0', async () => {
    const { dir, env, fake } = await home();
    const d = startDaemon(env);
    await waitFor('quotes in the cache', () => quoteCount(dir) === 2);
    expect(fake.count('quote')).toBeGreaterThanOrEqual(1);

    const s = await waitFor('status to see the daemon', async () => {
      const st = await status(env);
      return st.daemon.running ? st : null;
    });
    expect(s.daemon.pid).toBe(d.child.pid);
    expect(Date.now() - Date.parse(s.daemon.heartbeat ?? '')).toBeLessThan(10_000);
    expect(s.symbols).toMatchObject({ total: 2, fresh: 2 });
    const live = await runCli(['status'], { env });
    expect(live.stdout).toMatch(new RegExp(`Daemon\\s+running, pid ${d.child.pid}, heartbeat \\d+s ago`));

    const second = await runCli(['daemon', '--quotes-cron', '*/1 * * * * *'], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`pid ${d.child.pid}`);

    // Fresh quotes are not asked for again on every tick.
    const before = fake.count('quote');
    await waitFor('two ticks skipped as fresh', () => skippedSpanMs(dir) >= 2000);
    expect(fake.count('quote')).toBe(before);

    const t0 = Date.now();
    d.child.kill('SIGTERM');
    const end = await d.exited;
    expect(end.code).toBe(0);
    expect(end.at - t0).toBeLessThan(5000);
    expect(d.stderr()).toMatch(/quotes ok/);
    expect((await status(env)).daemon).toMatchObject({ running: false, pid: null });

    const human = await runCli(['status'], { env });
    expect(human.stdout).toMatch(/Daemon\s+not running/);
    // The last quotes tick found every quote fresh (the fetching run is in the log above).
    expect(human.stdout).toMatch(/quotes\s+skipped.*every quote is fresh/);
  }, 40_000);

  it('SIGTERM while a request hangs: exit 0 within 5 s; the hung run is recorded as aborted', async () => {
    const { dir, env, fake } = await home();
    fake.set({ hang: ['quote'] });
    const d = startDaemon(env, ['--quotes-cron', '*/1 * * * * *', '--log-json']);
    await waitFor('a hung quote request', () => fake.requests.some((r) => r.endpoint === 'quote'));
    await waitFor('the run recorded as running', () => runningQuotes(dir) > 0);
    const t0 = Date.now();
    d.child.kill('SIGTERM');
    const end = await d.exited;
    expect(end.code).toBe(0);
    expect(end.at - t0).toBeLessThan(5000);
    const lines = d.stderr().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; level: string });
    expect(lines.some((l) => l.msg === 'daemon stopped')).toBe(true);
    const db = openDb(join(dir, 'portfolio.db'));
    const runs = db.prepare("SELECT outcome FROM job_runs WHERE job = 'quotes' AND outcome != 'skipped'").all() as { outcome: string }[];
    db.close();
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.outcome !== 'running')).toBe(true);
    expect(runs.map((r) => r.outcome)).toContain('aborted');
  }, 30_000);

  it('takes over the stale lock of a daemon killed with SIGKILL', async () => {
    const { env } = await home();
    const first = startDaemon(env);
    await waitFor('first daemon running', async () => (await status(env)).daemon.running);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = startDaemon(env);
    await waitFor('second daemon running', async () => (await status(env)).daemon.pid === second.child.pid);
    // The lock is taken (status sees the pid) before the warning reaches the pipe: wait for the line.
    await waitFor('the take-over logged', () => second.stderr().includes('took over the lock'));
    expect(second.stderr()).toMatch(new RegExp(`WARN took over the lock of a daemon that is gone pid=${first.child.pid} `));
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  }, 30_000);

  it('fires an alert once, re-arms when the price crosses back, and runs the notify command without a shell', async () => {
    const dir0 = tempDir();
    const script = join(dir0, 'record.mjs');
    const out = join(dir0, 'received.jsonl');
    const marker = join(dir0, 'pwned');
    writeFileSync(script, `import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)) + '\\n');\n`);
    const { dir, env, fake } = await home({ quoteTtlSeconds: 1, notify: { command: [process.execPath, script, out], timeoutMs: 5000 } });
    fake.set({ priceOverrides: { MSFT: 450 } });
    const add = await runCli(['alert', 'add', 'MSFT', 'above', '440'], { env });
    expect(add.code).toBe(0);

    const d = startDaemon(env);
    const notes = async () => JSON.parse((await runCli(['notifications', '--all', '--json'], { env })).stdout) as { notifications: { kind: string; message: string }[] };
    await waitFor('the alert to fire', async () => (await notes()).notifications.length === 1);
    // Several more ticks at the same price: still one notification.
    const ticks = fake.count('quote');
    await waitFor('more ticks', () => fake.count('quote') >= ticks + 2);
    expect((await notes()).notifications.filter((n) => n.kind === 'alert')).toHaveLength(1);

    fake.set({ priceOverrides: { MSFT: 430 } });
    await waitFor('the alert to re-arm', async () => {
      const r = JSON.parse((await runCli(['alert', 'list', '--json'], { env })).stdout) as { alerts: { armed: boolean }[] };
      return r.alerts[0]?.armed === true;
    });
    fake.set({ priceOverrides: { MSFT: 445 } });
    await waitFor('the alert to fire again', async () => (await notes()).notifications.filter((n) => n.kind === 'alert').length === 2);
    await waitFor('both deliveries', () => existsSync(out) && readFileSync(out, 'utf8').trim().split('\n').length === 2);
    const received = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    expect(received.every((argv) => argv.length === 1 && argv[0]?.startsWith('MSFT is at'))).toBe(true);
    expect(existsSync(marker)).toBe(false);

    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
    expect(quoteCount(dir)).toBe(2);
  }, 45_000);

  it('delivers a notification raised elsewhere to the notify command verbatim, with nothing executed', async () => {
    const dir0 = tempDir();
    const script = join(dir0, 'record.mjs');
    const out = join(dir0, 'received.json');
    const marker = join(dir0, 'x');
    writeFileSync(script, `import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));\n`);
    const { dir, env } = await home({ notify: { command: [process.execPath, script, out], timeoutMs: 5000 } });
    const d = startDaemon(env, ['--quotes-cron', '0 0 1 1 *']);
    await waitFor('the daemon to start', () => d.stderr().includes('daemon started'));
    const message = `yahoo: unknown symbol "$(touch ${marker}); rm -rf ${join(dir0, 'y')}" \`touch ${marker}\` | tee ${marker}`;
    const db = openDb(join(dir, 'portfolio.db'));
    addNotification(db, { kind: 'unknown-symbol', message });
    db.close();
    await waitFor('the delivery (on the next heartbeat)', () => existsSync(out), 12_000);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([message]);
    expect(existsSync(marker)).toBe(false);
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
  }, 30_000);

  it('a provider outage: failed ticks are recorded, the breaker stops the requests, no tight loop', async () => {
    const { dir, env, fake } = await home({ quoteTtlSeconds: 1, breaker: { failureThreshold: 2, cooldownSeconds: 600 } });
    fake.set({ outage: '503' });
    const d = startDaemon(env);
    await waitFor('the circuit to open', async () => JSON.parse((await runCli(['status', '--json'], { env })).stdout).circuit === 'open');
    const asked = fake.requests.length;
    const runs = finishedQuoteRuns(dir);
    await waitFor('three more ticks', () => finishedQuoteRuns(dir) >= runs + 3);
    expect(fake.requests.length).toBe(asked); // three more ticks, no more requests
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
    const db = openDb(join(dir, 'portfolio.db'));
    const failed = (db.prepare("SELECT COUNT(*) AS n FROM job_runs WHERE job = 'quotes' AND outcome = 'failed'").get() as { n: number }).n;
    const kinds = (db.prepare('SELECT kind FROM notifications').all() as { kind: string }[]).map((r) => r.kind);
    db.close();
    expect(failed).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain('provider-down');
  }, 30_000);

  it('SIGHUP reloads the schedules from config.json; a bad config keeps the running schedule', async () => {
    const { dir, env, fake } = await home({ daemon: { quotesCron: '0 0 1 1 *' } });
    const d = startDaemon(env, []);
    await waitFor('the daemon to start', () => d.stderr().includes('daemon started'));

    writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 20_000, retries: 0 }, daemon: { quotesCron: '*/70 * * * * *' } }));
    d.child.kill('SIGHUP');
    await waitFor('the reload to be refused', () => d.stderr().includes('reload failed'));
    expect(d.stderr()).toContain('*/70');
    // From the start through the refused reload, the yearly schedule asked for nothing.
    expect(fake.count('quote')).toBe(0);

    writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 20_000, retries: 0 }, daemon: { quotesCron: '*/1 * * * * *' } }));
    d.child.kill('SIGHUP');
    await waitFor('the reload', () => d.stderr().includes('configuration reloaded'));
    await waitFor('quotes on the new schedule', () => quoteCount(dir) === 2);
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
  }, 30_000);

  it('rejects an invalid schedule up front with a clear message', async () => {
    const { env } = await home();
    const r = await runCli(['daemon', '--history-cron', '99 * * * *'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--history-cron.*"99 \* \* \* \*"/);
  });
});
