import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { BIN } from '../helpers/cli.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';
let fake: FakeYahoo;
afterEach(async () => fake?.close());

// The one real-process signal test: the process's own SIGTERM reaches cli/interrupt.ts and the
// 1 s failsafe holds. The other commands and SIGINT are tested in-process (test/cli/interrupt.test.ts).
describe('warm ends on a signal with its summary and its job run closed', () => {
  it('SIGTERM while every request hangs', async () => {
    const signal = 'SIGTERM';
    fake = await startFakeYahoo({ now: () => new Date(NOW), hang: true });
    const dir = tempDir();
    // Long timeouts: without the signal this warm would wait a long time.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 60_000, connectTimeoutMs: 60_000, retries: 3 } }));
    const db = openDb(join(dir, 'portfolio.db'));
    buyEach(db, ['AAPL', 'MSFT']);
    db.close();
    const child = spawn(process.execPath, [BIN, 'warm', '--json'], {
      env: { PATH: process.env.PATH, PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: NOW, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    while (fake.count() === 0) await new Promise((r) => setTimeout(r, 20));
    const sentAt = performance.now();
    child.kill(signal);
    const code = await exited;
    const tookMs = performance.now() - sentAt;
    expect(code).toBe(143);
    expect(tookMs).toBeLessThan(3000); // 1 s failsafe in the command; slack for a loaded machine
    const summary = JSON.parse(stdout) as { outcome: string; quotes: { failed: number } };
    expect(summary.outcome).toBe('temporary-failure');
    const check = openDb(join(dir, 'portfolio.db'));
    const runs = check.prepare("SELECT outcome FROM job_runs WHERE job = 'warm'").all() as { outcome: string }[];
    check.close();
    expect(runs).toEqual([{ outcome: 'aborted' }]);
  }, 30_000);
});
