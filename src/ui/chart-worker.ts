/**
 * Computes chart series off the main thread: a portfolio replay over years of closes takes tens of
 * milliseconds, and the dashboard must keep answering keys (q quits within 200 ms) meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../store/db.js';
import { createChartSource, type ChartRequest } from './chart-data.js';

interface Message {
  id: number;
  request: Omit<ChartRequest, 'now'> & { now: string };
}

const db = openDb((workerData as { dbPath: string }).dbPath, { busyTimeoutMs: 2000 });
const load = createChartSource(db);

parentPort?.on('message', (m: Message) => {
  try {
    const data = load({ ...m.request, now: new Date(m.request.now) });
    parentPort?.postMessage({ id: m.id, data });
  } catch (err) {
    parentPort?.postMessage({ id: m.id, error: (err as Error).message });
  }
});
