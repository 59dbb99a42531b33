import { useEffect, type Dispatch } from 'react';
import { useStdout } from 'ink';
import type { Action } from '../state.js';

/** Follows terminal resizes, and re-renders ages and the countdown every few seconds (one timer, no polling loop). */
export function useTerminal(dispatch: Dispatch<Action>, now: () => number, tickMs: number) {
  const { stdout } = useStdout();
  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    const tick = setInterval(() => dispatch({ type: 'tick', now: now() }), tickMs);
    return () => {
      stdout.off('resize', onResize);
      clearInterval(tick);
    };
  }, [stdout, dispatch, now, tickMs]);
}
