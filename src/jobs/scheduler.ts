/**
 * node-cron glue: validates expressions up front and (re)creates one task per job. node-cron is
 * imported lazily so that no command but `daemon` pays for it. Timing only: what a tick does is
 * decided by plan.ts and executed by runner.ts.
 */
import type { Config } from '../config.js';
import type { Logger } from './log.js';
import type { JobName } from './plan.js';

export type Crons = Record<JobName, string>;

export interface CronOverrides {
  quotesCron?: string;
  historyCron?: string;
}

/** Config schedules with command-line overrides applied. */
export function resolveCrons(daemon: Config['daemon'], overrides: CronOverrides = {}): Crons {
  return {
    quotes: overrides.quotesCron ?? daemon.quotesCron,
    history: overrides.historyCron ?? daemon.historyCron,
    fx: daemon.fxCron,
    warm: daemon.warmCron,
    housekeeping: daemon.housekeepingCron,
  };
}

const SOURCE: Record<JobName, string> = {
  quotes: '--quotes-cron / daemon.quotesCron',
  history: '--history-cron / daemon.historyCron',
  fx: 'daemon.fxCron',
  warm: 'daemon.warmCron',
  housekeeping: 'daemon.housekeepingCron',
};

/** One message per invalid expression (empty when all are valid). */
export async function validateCrons(crons: Crons): Promise<string[]> {
  const cron = await import('node-cron');
  const errors: string[] = [];
  for (const [job, expr] of Object.entries(crons) as [JobName, string][]) {
    const fields = expr.trim().split(/\s+/);
    if (fields.length < 5 || fields.length > 6) {
      errors.push(`${SOURCE[job]}: "${expr}" is not a cron expression (5 fields, or 6 with leading seconds)`);
      continue;
    }
    const range = rangeError(fields);
    if (range) {
      errors.push(`${SOURCE[job]}: "${expr}" is not a valid cron expression (${range})`);
      continue;
    }
    const detail = cron.validateDetailed(expr);
    if (!detail.valid) {
      const why = detail.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      errors.push(`${SOURCE[job]}: "${expr}" is not a valid cron expression${why ? ` (${why})` : ''}`);
    }
  }
  return errors;
}

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 7 },
];

/**
 * node-cron accepts steps larger than the field (e.g. "*\/70" seconds) and then fires on a schedule
 * nobody asked for, so numbers and steps are checked against each field's range first.
 */
function rangeError(fields: readonly string[]): string | null {
  const specs = fields.length === 6 ? FIELDS : FIELDS.slice(1);
  for (let i = 0; i < fields.length; i++) {
    const spec = specs[i];
    const field = fields[i];
    if (!spec || field === undefined) continue;
    for (const part of field.split(',')) {
      const [base = '', step] = part.split('/');
      if (step !== undefined) {
        const n = Number(step);
        if (!/^\d+$/.test(step) || n < 1 || n > spec.max - spec.min + 1) return `${spec.name}: step "${step}" must be 1 to ${spec.max - spec.min + 1}`;
      }
      for (const num of base.split('-')) {
        if (!/^\d+$/.test(num)) continue; // *, names (MON, JAN) and ? are left to node-cron
        const n = Number(num);
        if (n < spec.min || n > spec.max) return `${spec.name}: ${n} is outside ${spec.min}-${spec.max}`;
      }
    }
  }
  return null;
}

export interface Schedule {
  /** Next planned run of each job. */
  nextRuns(): Partial<Record<JobName, Date | null>>;
  stop(): Promise<void>;
}

export async function startSchedule(crons: Crons, onTick: (job: JobName) => void, log: Logger): Promise<Schedule> {
  const cron = await import('node-cron');
  const cronLogger = {
    info: () => undefined,
    debug: () => undefined,
    warn: (m: string) => log.warn(`scheduler: ${m}`),
    error: (m: string | Error) => log.error(`scheduler: ${m instanceof Error ? m.message : m}`),
  };
  const tasks = (Object.entries(crons) as [JobName, string][]).map(([job, expr]) => {
    // The runner records overlaps itself, so node-cron's own overlap guard stays off.
    const task = cron.createTask(expr, () => onTick(job), { name: `portfolio-${job}`, logger: cronLogger, suppressMissedWarning: true });
    return { job, task };
  });
  for (const { task } of tasks) await task.start();
  return {
    nextRuns: () => Object.fromEntries(tasks.map(({ job, task }) => [job, task.getNextRun()])),
    async stop() {
      for (const { task } of tasks) await task.destroy();
    },
  };
}
