/**
 * The built binary's refresh after a change (src/returns/refresh-replays.ts) runs on its worker
 * thread: it stores the replays the reports read, and a signal during it ends the command at once
 * with the change kept and nothing half-stored. (In-process tests run the same refresh on the
 * test's thread: test/cli/gains-stored.test.ts.)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedSummary } from '../../src/ledger/positions-snapshot.js';
import { openDb } from '../../src/store/db.js';
import { replayYears } from '../../src/store/lot-replay.js';
import { refreshOffThread } from '../../src/returns/refresh-replays.js';
import { assertFreshDist, BIN, clockEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2026-01-15T15:00:00Z';
const AVG = { costMethod: 'avg', baseCurrency: 'USD', longTermMonths: 12 };

/** A database of 150,000 buys over 20 years (2005-2024): a refresh of several hundred milliseconds at the least. */
function bigLedger(path: string): void {
  const db = openDb(path);
  db.prepare("INSERT INTO accounts (name) VALUES ('default')").run();
  db.prepare(`WITH RECURSIVE i(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM i WHERE k < 149999)
    INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id)
    SELECT date('2005-01-03', '+' || (k * 7300 / 150000) || ' days'), 'buy', 'S' || (k % 2000), 1 + k % 7, 10 + (k % 1000) / 8.0, NULL, 0.5, 'USD',
      (SELECT id FROM accounts WHERE name = 'default') FROM i`).run();
  db.close();
}

describe('the refresh after a change, in the built binary', () => {
  it('stores the years and the holdings snapshot from its worker thread', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'a.csv'),
      'date,type,symbol,quantity,price,amount,fee,currency,account\n2022-03-01,buy,AAPL,10,150,,1,USD,broker\n2023-06-15,sell,AAPL,4,180,,1,USD,broker\n2024-02-01,dividend,AAPL,,,3,,USD,broker\n',
    );
    const env = { PORTFOLIO_HOME: dir, PORTFOLIO_NOW: NOW };
    const r = await runCli(['import', join(dir, 'a.csv'), '--force'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const db = openDb(join(dir, 'portfolio.db'));
    expect(replayYears(db, AVG)).toEqual(['2022', '2023', '2024', '2025']);
    expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
    db.close();
  });

  it('ends on SIGINT during the refresh with 130: the change is kept, the interrupted refresh stores nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'portfolio.db');
    bigLedger(path);
    const child = spawn(process.execPath, [BIN, 'add', 'buy', 'S7', '1', '--price', '12', '--date', '2005-02-01', '--force'], {
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...clockEnv(), PORTFOLIO_HOME: dir, PORTFOLIO_NOW: NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // The change is printed once committed, then the refresh starts: interrupt it.
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes('\n')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await exited;
    expect(stdout).toMatch(/^added #150001 2005-02-01 buy 1 S7/);
    expect(code).toBe(130);
    expect(stderr).toContain('stopped by SIGINT');
    const check = openDb(path);
    expect(check.prepare("SELECT COUNT(*) FROM transactions WHERE date = '2005-02-01' AND symbol = 'S7' AND quantity = 1").pluck().get()).toBe(1);
    // Not stored: the refresh was stopped before its writes (a finished one stores 2005-2025).
    expect(replayYears(check, AVG)).toEqual([]);
    expect(storedSummary(check, 'avg', 'USD')).toBeNull();
    check.close();
  }, 30_000);

  it('is stopped by an abort once its worker thread runs, before anything is stored; unstopped, it stores', async () => {
    assertFreshDist();
    const path = join(tempDir(), 'portfolio.db');
    const db = openDb(path);
    db.prepare("INSERT INTO accounts (name) VALUES ('default')").run();
    db.prepare(`INSERT INTO transactions (date, type, symbol, quantity, price, fee, currency, account_id) VALUES
      ('2022-03-01', 'buy', 'AAPL', 10, 150, 1, 'USD', 1), ('2023-06-15', 'sell', 'AAPL', 4, 180, 1, 'USD', 1)`).run();
    const url = new URL('../../dist/returns/refresh-worker.js', import.meta.url);
    const options = { costMethod: 'avg' as const, baseCurrency: 'USD', longTermMonths: 12, today: '2026-01-15' };
    const stop = new AbortController();
    let online = false;
    // On this thread the call would have stored everything before returning; the worker is stopped as soon as it runs.
    await refreshOffThread(path, db, options, stop.signal, { url, onOnline: () => ((online = true), stop.abort()) });
    expect(online).toBe(true);
    expect(replayYears(db, AVG)).toEqual([]);
    expect(storedSummary(db, 'avg', 'USD')).toBeNull();
    await refreshOffThread(path, db, options, new AbortController().signal, { url });
    expect(replayYears(db, AVG)).toEqual(['2022', '2023', '2024', '2025']);
    expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
    db.close();
  });
});
