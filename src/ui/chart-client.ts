/**
 * The main thread's side of the chart worker: one request at a time, terminated on quit, and
 * terminated (then restarted on the next request) when one request overruns `timeoutMs`, so no
 * series, however hostile, can keep the dashboard waiting.
 */
import { Worker } from 'node:worker_threads';
import type { ChartRequest } from './chart-data.js';
import type { ChartData } from './state.js';

export interface ChartClient {
  load(request: ChartRequest): Promise<ChartData>;
  close(): void;
}

export const CHART_TIMEOUT_MS = 10_000;

export function createChartClient(dbPath: string, timeoutMs = CHART_TIMEOUT_MS, workerUrl = new URL('./chart-worker.js', import.meta.url)): ChartClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(d: ChartData): void; reject(e: Error): void }>();
  const start = () => {
    const w = new Worker(workerUrl, { workerData: { dbPath } });
    w.unref();
    w.on('message', (m: { id: number; data?: ChartData; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.data) p.resolve(m.data);
      else p.reject(new Error(m.error ?? 'chart failed'));
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      worker = null;
    });
    return w;
  };
  return {
    load(request) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          if (worker === w) worker = null;
          void w.terminate();
          reject(new Error(`took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`));
        }, timeoutMs);
        timer.unref();
        const done = () => clearTimeout(timer);
        pending.set(id, {
          resolve: (d) => (done(), resolve(d)),
          reject: (e) => (done(), reject(e)),
        });
        w.postMessage({ id, request: { ...request, now: request.now.toISOString() } });
      });
    },
    close() {
      void worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new Error('closed'));
      pending.clear();
    },
  };
}
