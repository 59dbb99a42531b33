import { useEffect, type Dispatch } from 'react';
import type { DashboardServices } from '../services.js';
import type { Action, RangeKey } from '../state.js';

/**
 * Charts come last: computed after the rows are on screen, again when the range or the selected
 * symbol changes (debounced so scrolling through rows stays instant).
 */
export function useCharts(services: DashboardServices, dispatch: Dispatch<Action>, range: RangeKey, symbol: string | null, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const t = setTimeout(() => {
      services
        .loadCharts(range, symbol)
        .then((charts) => {
          if (!cancelled) dispatch({ type: 'charts', charts });
        })
        .catch((err: unknown) => {
          if (!cancelled) dispatch({ type: 'charts', charts: { range, portfolio: [], symbol, closes: [], note: `chart unavailable: ${(err as Error).message}` } });
        });
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [services, dispatch, range, symbol, enabled]);
}
