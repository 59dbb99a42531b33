/**
 * The daemon's lifecycle: one per database (lock 'daemon' with a heartbeat), the schedule, signals
 * (SIGTERM/SIGINT stop within seconds, abandoning in-flight requests through an AbortSignal; SIGHUP
 * reloads the schedules and notification settings), and delivery of notifications.
 * Memory stays flat: no per-tick state is kept beyond the set of running jobs; a reload destroys
 * the old cron tasks before creating new ones.
 */
import { loadConfig, type Config } from '../config.js';
import { AppError, EXIT, InputError } from '../base/errors.js';
import type { Deps } from '../deps.js';
import { closeOrphanRuns } from '../store/job-runs.js';
import { heartbeatLock, releaseLock, tryAcquireLock } from '../store/locks.js';
import { DAEMON_LOCK, DAEMON_STALE_MS } from '../store/locks.js';
import { jobFunctions, noteWarmOutcome, SELF_RECORDING_JOBS } from './definitions.js';
import { createLogger, type Logger } from './log.js';
import { deliverPending } from '../alerts/notify.js';
import { planTick, type JobName } from './plan.js';
import { JobRunner } from './runner.js';
import { resolveCrons, startSchedule, validateCrons, type CronOverrides, type Crons, type Schedule } from './scheduler.js';
import { trackedSymbols } from './symbols.js';

export const HEARTBEAT_MS = 5_000;
/** Time given to running jobs to notice the abort before the daemon leaves anyway. */
const DRAIN_MS = 2_500;

export interface DaemonOptions extends CronOverrides {
  logJson?: boolean;
  /** false: leave process signals alone (in-process tests stop it another way). */
  signals?: boolean;
  /** Aborting it stops the daemon like SIGTERM (in-process tests). */
  stop?: AbortSignal;
}

async function checkedCrons(daemon: Config['daemon'], overrides: CronOverrides): Promise<Crons> {
  const crons = resolveCrons(daemon, overrides);
  const errors = await validateCrons(crons);
  if (errors.length > 0) {
    throw new AppError(errors[0] ?? 'invalid cron expression', { exitCode: EXIT.usage, details: errors.slice(1) });
  }
  return crons;
}

/** Runs until SIGTERM/SIGINT (or a lost lock); resolves to the exit code. */
export async function runDaemon(deps: Deps, options: DaemonOptions = {}): Promise<number> {
  const log: Logger = createLogger(deps.stderr, { json: options.logJson === true });
  let config = deps.config();
  let crons = await checkedCrons(config.daemon, options);
  const db = deps.db();

  const lock = tryAcquireLock(db, DAEMON_LOCK, { staleAfterMs: DAEMON_STALE_MS, info: JSON.stringify({ crons }) });
  if (!lock.acquired) {
    throw new InputError(
      `another daemon is already running on this database (pid ${lock.holder.pid} on ${lock.holder.host}, since ${lock.holder.acquiredAt})`,
    );
  }
  if (lock.tookOverFrom) log.warn(`took over the lock of a daemon that is gone`, { pid: lock.tookOverFrom.pid, heartbeat: lock.tookOverFrom.heartbeatAt });
  closeOrphanRuns(db, deps.clock.now());

  const controller = new AbortController();
  const jobs = jobFunctions(deps);
  let delivering: Promise<unknown> | null = null;
  const deliver = () => {
    if (delivering || controller.signal.aborted) return;
    delivering = deliverPending(db, config.notify, { now: deps.clock.now(), env: deps.env })
      .catch((err: unknown) => log.warn(`notification delivery: ${(err as Error).message}`))
      .finally(() => (delivering = null));
  };
  const runner = new JobRunner({
    db: () => db,
    now: () => deps.clock.now(),
    log,
    signal: controller.signal,
    selfRecording: SELF_RECORDING_JOBS,
    onFinished: (job) => {
      if (job === 'warm' && noteWarmOutcome(db, deps.clock.now())) log.warn('warm failed repeatedly; notification raised');
      deliver();
    },
  });

  const onTick = (job: JobName) => {
    void runner
      .tick(job, (busy) => planTick({ job, now: deps.clock.now(), busy, ttlSeconds: config.quoteTtlSeconds, symbols: busy ? [] : trackedSymbols(db, config.baseCurrency, { open: job === 'quotes' }) }), jobs[job])
      .catch((err: unknown) => log.error(`${job}: ${(err as Error).message}`, { job }));
  };

  return new Promise<number>((resolve) => {
    let stopping = false;
    let schedule: Schedule | null = null;
    const heartbeat = setInterval(() => {
      try {
        if (!heartbeatLock(db, DAEMON_LOCK)) {
          log.error('lost the daemon lock (another daemon took over); stopping');
          void stop('lock lost', 1);
          return;
        }
      } catch (err) {
        log.warn(`heartbeat: ${(err as Error).message}`);
      }
      // A cron-driven `portfolio warm` failing repeatedly is noticed here too.
      if (!runner.busy('warm') && noteWarmOutcome(db, deps.clock.now())) log.warn('warm failed repeatedly; notification raised');
      deliver();
    }, HEARTBEAT_MS);

    const reload = () => {
      void (async () => {
        try {
          const next = loadConfig(deps.paths().configPath);
          const nextCrons = await checkedCrons(next.daemon, options);
          if (stopping || !schedule) return;
          await schedule.stop();
          schedule = await startSchedule(nextCrons, onTick, log);
          config = { ...config, daemon: next.daemon, notify: next.notify, baseCurrency: next.baseCurrency };
          crons = nextCrons;
          log.info('configuration reloaded', prefixed(crons));
        } catch (err) {
          const details = (err as { details?: readonly string[] }).details ?? [];
          log.error(`reload failed, keeping the previous schedule: ${[(err as Error).message, ...details].join('; ')}`);
        }
      })();
    };

    const onSignal = (signal: NodeJS.Signals) => {
      void stop(signal, 0);
    };

    async function stop(reason: string, code: number): Promise<void> {
      if (stopping) return;
      stopping = true;
      log.info('daemon stopping', { reason });
      clearInterval(heartbeat);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.off('SIGHUP', reload);
      controller.abort();
      try {
        await schedule?.stop();
        const drained = await runner.drain(DRAIN_MS);
        if (!drained) log.warn('a job did not stop in time; abandoning it');
        if (delivering) await Promise.race([delivering, new Promise((r) => setTimeout(r, 500).unref())]);
        if (db.open) {
          closeOrphanRuns(db, deps.clock.now());
          releaseLock(db, DAEMON_LOCK);
        }
      } catch (err) {
        log.error(`while stopping: ${(err as Error).message}`);
      }
      log.info('daemon stopped', { reason });
      resolve(code);
    }

    // Signals first, so a SIGTERM that arrives while node-cron loads still stops cleanly.
    if (options.signals !== false) {
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      process.on('SIGHUP', reload);
    }
    if (options.stop) {
      if (options.stop.aborted) void stop('stopped', 0);
      else options.stop.addEventListener('abort', () => void stop('stopped', 0), { once: true });
    }
    startSchedule(crons, onTick, log).then(
      async (started) => {
        if (stopping) return started.stop();
        schedule = started;
        log.info(`daemon started`, { pid: process.pid, db: deps.paths().dbPath, ...prefixed(crons) });
      },
      (err: unknown) => {
        log.error(`cannot start the schedule: ${(err as Error).message}`);
        void stop('schedule failed', 1);
      },
    );
  });
}

function prefixed(crons: Crons): Record<string, string> {
  return Object.fromEntries(Object.entries(crons).map(([k, v]) => [`${k}Cron`, v]));
}
