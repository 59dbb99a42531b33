import { Box, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { AllocationPanel } from './components/AllocationPanel.js';
import { ChartPanel } from './components/ChartPanel.js';
import { EmptyState } from './components/EmptyState.js';
import { HelpPanel } from './components/HelpPanel.js';
import { HoldingsTable } from './components/HoldingsTable.js';
import { IncomePanel } from './components/IncomePanel.js';
import { NotificationsPanel } from './components/NotificationsPanel.js';
import { SegmentLine } from './components/SegmentLine.js';
import { buildFrame } from './frame.js';
import { useCharts } from './hooks/use-charts.js';
import { useRefresh } from './hooks/use-refresh.js';
import { useTerminal } from './hooks/use-terminal.js';
import type { DashboardServices } from './services.js';
import { RANGES, activeReport, reducer, statusText, type Action, type DashboardState } from './state.js';
import { nextView, promptKey, promptText } from './watch-view.js';

export interface AppProps {
  services: DashboardServices;
  initial: DashboardState;
  /** Called once when the user quits, before Ink unmounts (aborts a hanging refresh). */
  onQuit?: () => void;
  tickMs?: number;
}

export function App({ services, initial, onQuit, tickMs = 10_000 }: AppProps) {
  const [state, dispatch] = useReducer(reducer, initial);
  const { exit } = useApp();
  const { refreshNow, abort } = useRefresh(services, dispatch);
  const now = useCallback(() => services.now(), [services]);
  useTerminal(dispatch, now, tickMs);
  useCharts(services, dispatch, state.range, state.selected, state.showCharts && activeReport(state).holdings.length > 0);

  // A refresh rebuilt the holdings report: the watchlist on screen is read again from the cache too.
  const viewList = state.view?.list ?? null;
  useEffect(() => {
    if (viewList !== null && services.loadWatch) dispatch({ type: 'view', view: { list: viewList, report: services.loadWatch(viewList) } });
  }, [state.reportAt, viewList, services]);

  // Keys read the latest state (Ink may still hold the handler of an earlier render).
  const latest = useRef(state);
  latest.current = state;
  // Keys typed in one burst arrive before the next render: keep the ref in step with what they did.
  const apply = (action: Action) => {
    latest.current = reducer(latest.current, action);
    dispatch(action);
  };

  const handleKey = (input: string, key: Partial<Key>) => {
    const state = latest.current;
    if (state.prompt && !(key.ctrl && input === 'c')) {
      const step = promptKey(state.prompt, input, key);
      if (step.done && services.addAlert) {
        let message: string;
        try {
          message = services.addAlert(step.done.symbol, step.done.kind, step.done.price);
        } catch (err) {
          message = `alert not added: ${(err as Error).message}`;
        }
        return apply({ type: 'prompt', prompt: null, message });
      }
      return apply({ type: 'prompt', prompt: step.prompt, ...(step.error ? { message: step.error } : {}) });
    }
    if (input === 'w' && services.loadWatchlists && services.loadWatch) {
      const lists = services.loadWatchlists();
      if (lists.length === 0) return apply({ type: 'view', view: null, message: 'no watchlists yet: portfolio watch add SYMBOL' });
      const next = nextView(state.view?.list ?? null, lists);
      return apply({ type: 'view', view: next === null ? null : { list: next, report: services.loadWatch(next) } });
    }
    if (input === 'a' && services.addAlert && state.selected) return apply({ type: 'prompt', prompt: { symbol: state.selected, kind: null, text: '' } });
    if (input === 'q' || (key.ctrl && input === 'c')) {
      abort();
      onQuit?.();
      exit();
      return;
    }
    if (key.escape) return dispatch({ type: 'close-panel' });
    if (key.upArrow || input === 'k') return dispatch({ type: 'move', delta: -1 });
    if (key.downArrow || input === 'j') return dispatch({ type: 'move', delta: 1 });
    if (key.pageUp) return dispatch({ type: 'move', delta: -10 });
    if (key.pageDown) return dispatch({ type: 'move', delta: 10 });
    if (input === 's') return dispatch({ type: 'cycle-sort' });
    if (input === 'c') return dispatch({ type: 'toggle-charts' });
    if (input === 'r') return refreshNow();
    if (input === '?') return dispatch({ type: 'panel', panel: 'help' });
    if (input === 'n') {
      const n = services.loadNotifications();
      dispatch({ type: 'notifications', items: n.items, unread: 0 });
      if (n.items.length > 0) services.markRead(n.items.filter((x) => !x.read).map((x) => x.id));
      return dispatch({ type: 'panel', panel: 'notifications' });
    }
    if (input === 'i' && services.loadIncome) {
      if (state.panel !== 'income') dispatch({ type: 'income', income: services.loadIncome() });
      return dispatch({ type: 'panel', panel: 'income' });
    }
    if (input === 'l' && services.loadAllocation) {
      if (state.panel !== 'allocation') dispatch({ type: 'allocation', allocation: services.loadAllocation() });
      return dispatch({ type: 'panel', panel: 'allocation' });
    }
    const r = RANGES[Number(input) - 1];
    if (/^[1-7]$/.test(input) && r) dispatch({ type: 'range', range: r });
  };

  useInput((input, key) => {
    // Keys typed faster than a frame (or pasted) arrive as one string: handle each one.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) handleKey(ch, {});
      return;
    }
    handleKey(input, key);
  });

  const plainStatus = statusText(state);
  const status = services.label ? { ...plainStatus, text: `${services.label} · ${plainStatus.text}` } : plainStatus;
  const { columns, rows } = state.size;
  const model = useMemo(
    () =>
      buildFrame({
        report: activeReport(state),
        watchlist: state.view?.list ?? null,
        prompt: state.prompt ? promptText(state.prompt) : null,
        sort: state.sort,
        selected: state.selected,
        columns,
        rows,
        elapsedSeconds: Math.max(0, (state.now - state.reportAt) / 1000),
        status: status.text,
        statusTone: status.tone,
        unread: state.unread,
        showCharts: state.showCharts,
        failures: state.failures,
      }),
    [state.report, state.view, state.prompt, state.sort, state.selected, columns, rows, state.now, state.reportAt, status.text, status.tone, state.unread, state.showCharts, state.failures],
  );
  const color = services.color;
  const panelHeight = Math.max(3, rows - 4);

  return (
    <Box flexDirection="column" width={columns}>
      <SegmentLine segments={model.header} color={color} />
      <SegmentLine segments={model.status} color={color} />
      {state.panel === 'help' ? (
        <HelpPanel height={panelHeight} />
      ) : state.panel === 'allocation' ? (
        <AllocationPanel report={state.allocation} height={panelHeight} width={columns} />
      ) : state.panel === 'notifications' ? (
        <NotificationsPanel items={state.notifications} height={panelHeight} />
      ) : state.panel === 'income' && state.income ? (
        <IncomePanel income={state.income} height={panelHeight} />
      ) : model.empty ? (
        <EmptyState />
      ) : (
        <>
          <HoldingsTable model={model} color={color} />
          <SegmentLine segments={model.detail} color={color} />
          {model.chartHeight > 0 ? (
            <ChartPanel charts={state.charts} width={columns} height={model.chartHeight} range={state.range} loading={state.charts === null} />
          ) : null}
        </>
      )}
      <SegmentLine segments={[{ text: model.legend, tone: 'dim' }]} color={color} />
    </Box>
  );
}
