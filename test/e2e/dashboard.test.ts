import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { spawnPortfolio, type PtySession } from './pty-session.js';

// Runs the BUILT binary (npm test builds first) in a pseudo-terminal against a fake Yahoo server.
// The calendar is pinned (PORTFOLIO_NOW, and the fake's clock): Wednesday 25 Nov 2026, 18:00 UTC,
// the US market open, so quotes taken two days earlier (during Monday's session) are stale.
const NOW = '2026-11-25T18:00:00Z';
const fakeNow = () => new Date(NOW);

let fake: FakeYahoo | undefined;
let session: PtySession | undefined;
afterEach(async () => {
  session?.kill();
  session = undefined;
  await fake?.close();
  fake = undefined;
});

/** A ledger with two holdings whose cached quotes are two days old (stale: the dashboard refreshes them). */
function seedHome(): string {
  const home = tempDir();
  const db = openDb(join(home, 'portfolio.db'));
  insertTransactions(db, [
    { date: '2024-03-01', type: 'buy', symbol: 'ACME', quantity: 10, price: 100, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null },
    { date: '2024-03-01', type: 'buy', symbol: 'WIDG', quantity: 5, price: 40, amount: null, fee: 0, currency: 'USD', account: 'default', note: null, ratio: null },
  ]);
  const old = new Date(Date.parse(NOW) - 2 * 86_400_000).toISOString();
  const q = db.prepare(`INSERT INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
    VALUES (?, ?, ?, 'USD', ?, ?, 'REGULAR', 'America/New_York', ?, 'yahoo')`);
  q.run('ACME', 111.11, 110, 'Acme Corp', old, old);
  q.run('WIDG', 44.44, 44, 'Widgets Inc', old, old);
  db.close();
  return home;
}

describe('dashboard in a pseudo-terminal', { timeout: 90_000 }, () => {
  it('paints cached rows before the delayed answer, then the refreshed ones, then quits cleanly on q', async () => {
    const home = seedHome();
    fake = await startFakeYahoo({ now: fakeNow, latencyMs: 600, priceOverrides: { ACME: 222.22, WIDG: 55.55 } });
    session = spawnPortfolio(['dashboard'], { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW });
    await session.waitFor(/○ \S+\s+ACME\s+Acme Corp/);
    // The cached frame is on screen while the provider has not answered any quote yet.
    expect(session.output()).toContain('111.11');
    expect(session.output()).not.toContain('222.22');
    expect(fake.requests.filter((r) => r.endpoint === 'quote' && r.status !== null)).toHaveLength(0);
    await session.waitFor('refreshing');
    await session.waitFor('222.22', 15_000);
    await session.waitFor('55.55');
    await session.waitFor(/updated \d+s ago/);
    expect(fake.count('quote')).toBe(1); // two symbols: one batch
    session.write('q');
    const { exitCode } = await session.exited();
    expect(exitCode).toBe(0);
    // The terminal is handed back: cursor shown, alternate screen left.
    expect(session.raw()).toContain('\x1b[?25h\x1b[?1049l');
  });

  it('quits promptly on q while the provider hangs', async () => {
    const home = seedHome();
    fake = await startFakeYahoo({ now: fakeNow, hang: true });
    session = spawnPortfolio([], { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW });
    await session.waitFor('111.11');
    await session.waitFor('refreshing');
    const sent = Date.now(); // elapsed time only (the exit time is Date.now() too)
    session.write('q');
    const { exitCode, at } = await session.exited();
    expect(exitCode).toBe(0);
    // Generous bound for a loaded CI machine; bench/first-frame.js measures the real latency.
    expect(at - sent).toBeLessThan(2000);
  });

  it('with the provider down, opens at once and says plainly what is stale and why', async () => {
    const home = seedHome();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ yahoo: { retries: 0 } }));
    fake = await startFakeYahoo({ now: fakeNow, outage: '503' });
    session = spawnPortfolio([], { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW });
    await session.waitFor('111.11');
    await session.waitFor(/provider (down|backing off)/, 15_000);
    const screen = session.output();
    expect(screen).toMatch(/○ 2d\s+ACME/);
    expect(screen).toMatch(/stale · provider (down|backing off)/);
    session.write('q');
    expect((await session.exited()).exitCode).toBe(0);
  });

  it('quits on q typed right after the first frame, before the live UI has loaded', async () => {
    const home = seedHome();
    fake = await startFakeYahoo({ now: fakeNow, hang: true });
    session = spawnPortfolio(['--offline'], { PORTFOLIO_HOME: home, PORTFOLIO_NOW: NOW });
    await session.waitFor('111.11');
    session.write('q');
    const { exitCode } = await session.exited();
    expect(exitCode).toBe(0);
    expect(session.raw()).toContain('\x1b[?1049l');
  });

  it('shows the demo portfolio priced by the simulated market, with a chart, without any network', async () => {
    const home = tempDir();
    session = spawnPortfolio(['demo'], { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: 'http://127.0.0.1:9', PORTFOLIO_NOW: NOW });
    await session.waitFor('demo portfolio (simulated prices)', 40_000);
    await session.waitFor(/SAP\.DE/);
    await session.waitFor('portfolio value · 1Y', 40_000);
    await session.waitFor(/updated \d+s ago/, 40_000);
    expect(session.output()).toMatch(/VOD\.L/);
    session.write('q');
    expect((await session.exited()).exitCode).toBe(0);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(home, 'demo.db'))).toBe(true);
    expect(existsSync(join(home, 'portfolio.db'))).toBe(false);
  }, 120_000);

  it('prints one plain frame and exits on a non-TTY stdout, and never touches the network offline', async () => {
    const home = seedHome();
    fake = await startFakeYahoo({ now: fakeNow });
    const { runCli } = await import('../helpers/cli.js');
    const r = await runCli(['--offline'], { env: { PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ 2d\s+ACME\s+Acme Corp/);
    expect(r.stdout).toContain('offline: cached prices only');
    expect(r.stdout).not.toContain('\x1b[');
    expect(fake.requests).toHaveLength(0);
  });
});
