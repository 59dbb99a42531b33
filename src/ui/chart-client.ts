/** The main thread's side of the chart worker: one request at a time, terminated on quit. */
import { Worker } from 'node:worker_threads';
import type { ChartRequest } from './chart-data.js';
import type { ChartData } from './state.js';

export interface ChartClient {
  load(request: ChartRequest): Promise<ChartData>;
  close(): void;
}

export function createChartClient(dbPath: string): ChartClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(d: ChartData): void; reject(e: Error): void }>();
  const start = () => {
    const w = new Worker(new URL('./chart-worker.js', import.meta.url), { workerData: { dbPath } });
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
        pending.set(id, { resolve, reject });
        w.postMessage({ id, request: { ...request, now: request.now.toISOString() } });
      });
    },
    close() {
      void worker?.terminate();
      worker = null;
      pending.clear();
    },
  };
}
