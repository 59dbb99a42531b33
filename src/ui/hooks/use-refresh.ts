import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { DashboardServices, RefreshOutcome } from '../services.js';
import type { Action } from '../state.js';

/**
 * Runs refreshes through the market service without blocking input: one at a time, rows update as
 * batches land, the next one is planned with a single timer (no polling). `abort` lets quit return
 * at once even while the provider hangs.
 */
export function useRefresh(services: DashboardServices, dispatch: Dispatch<Action>) {
  const running = useRef<AbortController | null>(null);
  const timer = useRef<NodeJS.Timeout | null>(null);
  const alive = useRef(true);
  const runRef = useRef<(force: boolean) => Promise<void>>(async () => undefined);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    const nextAt = services.now() + services.refreshSeconds * 1000;
    dispatch({ type: 'schedule', nextAt });
    timer.current = setTimeout(() => void runRef.current(false), services.refreshSeconds * 1000);
  }, [services, dispatch]);

  const run = useCallback(
    async (force: boolean) => {
      if (services.offline || running.current || !alive.current) return;
      if (timer.current) clearTimeout(timer.current);
      const ac = new AbortController();
      running.current = ac;
      let outcome: RefreshOutcome;
      try {
        outcome = await services.refresh({
          signal: ac.signal,
          force,
          onStart: (total, batches) => dispatch({ type: 'refresh-start', total, batches }),
          onProgress: (p) => {
            if (ac.signal.aborted) return;
            dispatch({ type: 'refresh-progress', done: p.done, total: p.total, batch: p.batch, batches: p.batches });
            if (p.quotes.length > 0 || p.failures.length > 0) {
              const failures: Record<string, string> = {};
              for (const f of p.failures) failures[f.symbol] = f.unknown ? 'unknown symbol' : `not refreshed: ${f.message}`;
              dispatch({ type: 'failures', failures, refreshed: p.quotes.map((q) => q.symbol) });
            }
            if (p.quotes.length > 0) dispatch({ type: 'report', report: services.loadReport(), at: services.now() });
          },
        });
      } catch (err) {
        outcome = { problem: `refresh failed: ${(err as Error).message}`, circuit: 'closed' };
      } finally {
        running.current = null;
      }
      if (ac.signal.aborted || !alive.current) return;
      dispatch({ type: 'report', report: services.loadReport(), at: services.now() });
      dispatch({ type: 'refresh-end', at: services.now(), problem: outcome.problem, circuit: outcome.circuit, failures: outcome.failures });
      const n = services.loadNotifications();
      dispatch({ type: 'notifications', items: n.items, unread: n.unread });
      schedule();
    },
    [services, dispatch, schedule],
  );

  runRef.current = run;

  const abort = useCallback(() => {
    alive.current = false;
    running.current?.abort();
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    alive.current = true;
    void run(false);
    return abort;
  }, [run, abort]);

  return { refreshNow: () => void run(true), abort };
}
