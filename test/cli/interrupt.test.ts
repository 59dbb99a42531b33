/**
 * Signals end every command the same way (src/cli/interrupt.ts): the command stops at its next safe
 * point, prints what it did, closes its job run, and main() returns 130 (SIGINT) or 143 (SIGTERM).
 * In-process: a test signal source raises the signal at a chosen moment; no process is signalled.
 * (test/cli/warm-signals.test.ts is the one test with a real process and a real SIGTERM.)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Interrupt, type SignalName, type SignalSource } from '../../src/cli/interrupt.js';
import { fixedClock } from '../../src/deps.js';
import { openDb } from '../../src/store/db.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';
let fake: FakeYahoo | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A signal source the test fires; `atStart` raises the signal as soon as the command listens. */
function testSignals(atStart?: SignalName) {
  let on: ((s: SignalName) => void) | null = null;
  const failsafes: [number, number][] = [];
  const source: SignalSource & { fire(s: SignalName): void; listening(): boolean; failsafes: typeof failsafes } = {
    listen(handler) {
      on = handler;
      if (atStart) handler(atStart);
      return () => {
        on = null;
      };
    },
    failsafe: (code, ms) => void failsafes.push([code, ms]),
    fire: (s) => on?.(s),
    listening: () => on !== null,
    failsafes,
  };
  return source;
}

function collect(onWrite?: (text: string) => void) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      text += chunk.toString();
      onWrite?.(chunk.toString());
      cb();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

function ledger(n: number): string {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  buyEach(db, Array.from({ length: n }, (_, i) => `S${i}`));
  db.close();
  return dir;
}

async function run(args: string[], dir: string, signals: SignalSource, onStdout?: (text: string) => void, extraEnv: NodeJS.ProcessEnv = {}) {
  const out = collect(onStdout);
  const err = collect();
  const code = await main(['node', 'portfolio', ...args], {
    env: { PORTFOLIO_HOME: dir, NO_COLOR: '1', LANG: 'C.UTF-8', ...extraEnv },
    clock: fixedClock(NOW),
    stdout: out.stream,
    stderr: err.stream,
    signals,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('a signal stops any command the same way', () => {
  it('SIGINT in the middle of a long listing stops it within a chunk and exits 130', async () => {
    const dir = ledger(3000);
    const signals = testSignals();
    let writes = 0;
    const r = await run(['transactions'], dir, signals, () => {
      if (++writes === 1) signals.fire('SIGINT');
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('portfolio: stopped by SIGINT\n');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(3000);
    expect(signals.failsafes).toEqual([[130, 1000]]);
    expect(signals.listening()).toBe(false); // the listener goes when the command ends
  });

  it('SIGTERM during export --output leaves the old file as it was and no temp file, exit 143', async () => {
    const dir = ledger(50);
    const target = join(dir, 'ledger.csv');
    writeFileSync(target, 'the old export\n');
    const r = await run(['export', '--output', target], dir, testSignals('SIGTERM'));
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/export stopped; .*ledger\.csv was left as it was/);
    expect(r.stderr).toMatch(/stopped by SIGTERM\n$/);
    expect(readFileSync(target, 'utf8')).toBe('the old export\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('SIGINT during import writes nothing and says so', async () => {
    const dir = ledger(0);
    const file = join(dir, 'in.csv');
    writeFileSync(file, `date,type,symbol,quantity,price\n${Array.from({ length: 20 }, (_, i) => `2025-01-0${1 + (i % 9)},buy,AAPL,1,10`).join('\n')}\n`);
    const r = await run(['import', file, '--force'], dir, testSignals('SIGINT'));
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/import stopped before anything was written; nothing was imported/);
    const db = openDb(join(dir, 'portfolio.db'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM transactions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('SIGINT while add checks a new symbol records nothing (not "accepted as given")', async () => {
    const dir = ledger(0);
    const r = await run(['add', 'buy', 'NEWCO', '1', '--price', '10', '--date', '2025-03-04'], dir, testSignals('SIGINT'), undefined, {
      PORTFOLIO_YAHOO_URL: 'http://127.0.0.1:9',
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/stopped while checking NEWCO; nothing was recorded/);
    const db = openDb(join(dir, 'portfolio.db'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM transactions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('SIGTERM while warm waits on a hung provider: summary printed, job run closed as aborted, exit 143', async () => {
    fake = await startFakeYahoo({ now: () => new Date(NOW), hang: true });
    const dir = ledger(2);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 60_000, connectTimeoutMs: 60_000, retries: 3 } }));
    const signals = testSignals();
    const f = fake;
    const pending = run(['warm', '--json'], dir, signals, undefined, { PORTFOLIO_YAHOO_URL: f.url });
    while (f.count() === 0) await new Promise((r) => setTimeout(r, 10));
    signals.fire('SIGTERM');
    const r = await pending;
    expect(r.code).toBe(143);
    const summary = JSON.parse(r.stdout) as { outcome: string; quotes: { fetched: number } };
    expect(summary.quotes.fetched).toBe(0);
    const db = openDb(join(dir, 'portfolio.db'));
    expect(db.prepare("SELECT outcome, ended_at IS NOT NULL AS ended FROM job_runs WHERE job = 'warm'").all()).toEqual([{ outcome: 'aborted', ended: 1 }]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM locks WHERE name = 'warm'").get()).toEqual({ n: 0 });
    db.close();
  }, 15_000);

  it('a command that ends on its own keeps its code, and no listener outlives it', async () => {
    const dir = ledger(1);
    const signals = testSignals();
    const r = await run(['holdings', '--json'], dir, signals);
    expect(r.code).toBe(0);
    expect(signals.listening()).toBe(false);
    expect(existsSync(join(dir, 'portfolio.db'))).toBe(true);
  });
});

describe('Interrupt', () => {
  it('leaves the daemon and the dashboard their own handlers', () => {
    for (const name of ['daemon', 'dashboard', 'demo']) {
      const s = testSignals();
      new Interrupt(s).startFor(name);
      expect(s.listening()).toBe(false);
    }
    const s = testSignals();
    new Interrupt(s).startFor('gains');
    expect(s.listening()).toBe(true);
  });

  it('a second signal ends the process at once with the first one’s code', () => {
    const s = testSignals();
    const i = new Interrupt(s);
    i.startFor('export');
    s.fire('SIGTERM');
    expect(i.signal.aborted).toBe(true);
    expect(i.exitCode()).toBe(143);
    s.fire('SIGINT');
    expect(s.failsafes).toEqual([[143, 1000], [143, 0]]);
    i.stop();
  });

  it('an ordinary in-process run installs and removes process listeners', async () => {
    const before = process.listenerCount('SIGINT');
    const r = await runMain(['transactions'], { env: { PORTFOLIO_HOME: ledger(1) }, now: NOW });
    expect(r.code).toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
