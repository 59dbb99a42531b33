import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { resolveCrons, validateCrons } from '../../src/jobs/scheduler.js';
import { openDb } from '../../src/store/db.js';
import { lastJobRuns, recordSkippedRun } from '../../src/store/job-runs.js';

describe('schedules', () => {
  it('command-line schedules win over config; the defaults are valid', async () => {
    const crons = resolveCrons(defaultConfig().daemon, { quotesCron: '*/1 * * * * *' });
    expect(crons.quotes).toBe('*/1 * * * * *');
    expect(crons.history).toBe(defaultConfig().daemon.historyCron);
    expect(await validateCrons(crons)).toEqual([]);
  });

  it('rejects malformed expressions and out-of-range values, naming the option', async () => {
    const base = resolveCrons(defaultConfig().daemon);
    for (const bad of ['bad cron', '* * *', '*/70 * * * * *', '61 * * * *', '* 25 * * *', '* * * 13 *', '1 2 3 4 5 6 7']) {
      const errors = await validateCrons({ ...base, quotes: bad });
      expect(errors, bad).toHaveLength(1);
      expect(errors[0]).toContain('--quotes-cron');
    }
    expect(await validateCrons({ ...base, history: '0 22 * * MON-FRI', fx: '0 0 23 * * *' })).toEqual([]);
  });

  it('repeated skips for the same reason extend one job_runs row', () => {
    const db = openDb(':memory:');
    recordSkippedRun(db, 'quotes', 'no market open', new Date('2025-03-15T10:00:00Z'));
    recordSkippedRun(db, 'quotes', 'no market open', new Date('2025-03-15T10:05:00Z'));
    recordSkippedRun(db, 'quotes', 'no held symbols', new Date('2025-03-15T10:10:00Z'));
    const runs = lastJobRuns(db, { job: 'quotes' });
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ startedAt: '2025-03-15T10:00:00.000Z', endedAt: '2025-03-15T10:05:00.000Z' });
  });
});
