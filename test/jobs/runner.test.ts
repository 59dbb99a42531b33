import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/jobs/log.js';
import { planTick } from '../../src/jobs/plan.js';
import { JobRunner, type JobResult } from '../../src/jobs/runner.js';
import { openDb } from '../../src/store/db.js';
import { consecutiveFailures, lastJobRuns } from '../../src/store/job-runs.js';
import { tempDir } from '../helpers/tmp.js';

function setup() {
  const db = openDb(join(tempDir(), 'p.db'));
  let t = Date.parse('2025-03-12T15:00:00Z');
  const lines: string[] = [];
  const stream = { write: (s: string) => lines.push(s) } as unknown as NodeJS.WritableStream;
  const controller = new AbortController();
  const runner = new JobRunner({
    db: () => db,
    now: () => new Date(t),
    log: createLogger(stream, { json: true, now: () => new Date(t) }),
    signal: controller.signal,
  });
  const plan = (busy: boolean) => planTick({ job: 'quotes', now: new Date(t), busy, ttlSeconds: 300, symbols: [{ symbol: 'AAPL' }] });
  return { db, runner, plan, lines, controller, advance: (ms: number) => (t += ms) };
}

describe('job runner', () => {
  it('skips a tick while the previous run is still going, and records the skip', async () => {
    const { db, runner, plan, advance } = setup();
    let release!: (r: JobResult) => void;
    let calls = 0;
    const slow = () => {
      calls++;
      return new Promise<JobResult>((resolve) => (release = resolve));
    };
    const first = runner.tick('quotes', plan, slow);
    advance(1000);
    expect(await runner.tick('quotes', plan, slow)).toBe('skipped');
    expect(calls).toBe(1);
    release({ requests: 1 });
    expect(await first).toBe('ok');
    advance(1000);
    const third = runner.tick('quotes', plan, async () => ({ requests: 2 }));
    expect(await third).toBe('ok');
    const runs = lastJobRuns(db, { job: 'quotes' });
    expect(runs.map((r) => r.outcome)).toEqual(['ok', 'skipped', 'ok']);
    expect(runs[1]?.message).toContain('overlap');
    expect(runs[2]).toMatchObject({ requests: 1, startedAt: '2025-03-12T15:00:00.000Z' });
    expect(runs[2]?.endedAt).not.toBeNull();
  });

  it('a failing job is recorded and simply runs again on its next tick, not before', async () => {
    const { db, runner, plan, advance, lines } = setup();
    let calls = 0;
    const flaky = async (): Promise<JobResult> => {
      calls++;
      if (calls <= 2) throw new Error('provider down');
      return { requests: 1 };
    };
    expect(await runner.tick('quotes', plan, flaky)).toBe('failed');
    expect(calls).toBe(1); // no retry loop inside the tick
    expect(consecutiveFailures(db, 'quotes')).toBe(1);
    advance(60_000);
    expect(await runner.tick('quotes', plan, flaky)).toBe('failed');
    expect(consecutiveFailures(db, 'quotes')).toBe(2);
    advance(60_000);
    expect(await runner.tick('quotes', plan, flaky)).toBe('ok');
    expect(calls).toBe(3);
    expect(consecutiveFailures(db, 'quotes')).toBe(0);
    expect(lastJobRuns(db, { job: 'quotes' })[1]?.message).toBe('provider down');
    const logged = lines.map((l) => JSON.parse(l) as { level: string; job: string; outcome: string });
    expect(logged.filter((l) => l.level === 'warn' && l.outcome === 'failed')).toHaveLength(2);
  });

  it('repeated no-op runs (ok, no requests, same message) merge into one row', async () => {
    const { db, runner, plan, advance } = setup();
    const noop = async (): Promise<JobResult> => ({ requests: 0, message: '0 fetched, 1 cached' });
    expect(await runner.tick('quotes', plan, async () => ({ requests: 1, message: '1 fetched' }))).toBe('ok');
    for (let i = 0; i < 5; i++) {
      advance(1000);
      expect(await runner.tick('quotes', plan, noop)).toBe('ok');
    }
    const runs = lastJobRuns(db, { job: 'quotes' });
    expect(runs.map((r) => [r.requests, r.message])).toEqual([
      [0, '0 fetched, 1 cached'],
      [1, '1 fetched'],
    ]);
    expect(runs[0]?.endedAt).toBe('2025-03-12T15:00:05.000Z');
  });

  it('a job that reports failure without throwing counts as failed; an aborted one as aborted', async () => {
    const { db, runner, plan, controller } = setup();
    expect(await runner.tick('quotes', plan, async () => ({ failed: true, message: 'all 3 symbols failed', requests: 1 }))).toBe('failed');
    const hung = runner.tick('quotes', plan, ({ signal }) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
    controller.abort();
    expect(await hung).toBe('aborted');
    expect(await runner.drain(100)).toBe(true);
    expect(lastJobRuns(db, { job: 'quotes' }).map((r) => r.outcome)).toEqual(['aborted', 'failed']);
  });
});
