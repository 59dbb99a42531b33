/**
 * Runs job ticks: skips a tick while the same job is still running (and records the skip), records
 * every run in job_runs, and never retries by itself: a failed job simply runs again on its next
 * tick, so a broken provider costs one attempt per tick, not a tight loop.
 */
import type { Db } from '../store/db.js';
import { coalesceNoopRun, finishJobRun, recordSkippedRun, startJobRun, type JobOutcome } from '../store/job-runs.js';
import type { Logger } from './log.js';
import type { TickPlan } from './plan.js';

export interface JobContext {
  signal: AbortSignal;
  symbols: string[];
}

export interface JobResult {
  requests?: number;
  message?: string;
  /** The job ran but did not achieve its aim (e.g. every request failed). */
  failed?: boolean;
}

export type JobFn = (ctx: JobContext) => Promise<JobResult>;

export interface RunnerOptions {
  db: () => Db;
  now: () => Date;
  log: Logger;
  signal: AbortSignal;
  onFinished?: (job: string, outcome: JobOutcome, result: JobResult | null) => void;
  /** Jobs whose function writes its own job_runs row (only skips are recorded for them here). */
  selfRecording?: ReadonlySet<string>;
}

export class JobRunner {
  private readonly running = new Map<string, Promise<JobOutcome>>();
  /** Last skip reason per job (bounded by the number of jobs). */
  private readonly lastSkip = new Map<string, string>();

  constructor(private readonly options: RunnerOptions) {}

  busy(job: string): boolean {
    return this.running.has(job);
  }

  /** One tick of `job`: `plan` decides (given whether it is busy), `fn` does the work. */
  async tick(job: string, plan: (busy: boolean) => TickPlan, fn: JobFn): Promise<JobOutcome> {
    if (this.options.signal.aborted) return 'aborted';
    const decision = plan(this.busy(job));
    if (!decision.run) {
      recordSkippedRun(this.options.db(), job, decision.reason, this.options.now());
      // One log line per change of reason: a weekend of "no market open" is one line, not thousands.
      if (this.lastSkip.get(job) !== decision.reason) this.options.log.info(`${job} skipped`, { job, reason: decision.reason });
      this.lastSkip.set(job, decision.reason);
      return 'skipped';
    }
    this.lastSkip.delete(job);
    const promise = this.execute(job, decision.symbols, fn);
    this.running.set(job, promise);
    try {
      return await promise;
    } finally {
      this.running.delete(job);
    }
  }

  private async execute(job: string, symbols: string[], fn: JobFn): Promise<JobOutcome> {
    const { log, signal } = this.options;
    const started = Date.now();
    const record = !this.options.selfRecording?.has(job);
    const id = record ? startJobRun(this.options.db(), job, this.options.now()) : 0;
    let outcome: Exclude<JobOutcome, 'running'>;
    let result: JobResult | null = null;
    let message: string | null = null;
    try {
      result = await fn({ signal, symbols });
      // The market service resolves early (with failures) when aborted: that is an abort, not a failure.
      outcome = signal.aborted ? 'aborted' : result.failed ? 'failed' : 'ok';
      message = result.message ?? null;
    } catch (err) {
      outcome = signal.aborted ? 'aborted' : 'failed';
      message = err instanceof Error ? err.message : String(err);
    }
    const ms = Date.now() - started;
    try {
      if (record && this.options.db().open) {
        finishJobRun(this.options.db(), id, { outcome, requests: result?.requests ?? 0, message }, this.options.now());
        if (outcome === 'ok' && (result?.requests ?? 0) === 0) coalesceNoopRun(this.options.db(), id);
      }
    } catch (err) {
      log.error(`${job}: cannot record the run: ${(err as Error).message}`, { job });
    }
    const fields = { job, outcome, requests: result?.requests ?? 0, ms, message };
    if (outcome === 'failed') log.warn(`${job} failed`, fields);
    else log.info(`${job} ${outcome}`, fields);
    this.options.onFinished?.(job, outcome, result);
    return outcome;
  }

  /** Resolves when every running job has settled, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const all = Promise.allSettled([...this.running.values()]).then(() => true as const);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
