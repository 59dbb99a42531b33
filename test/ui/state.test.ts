import { describe, expect, it } from 'vitest';
import { initialState, reducer, statusText, type DashboardState } from '../../src/ui/state.js';
import { holding, mixedReport, report } from './report-fixture.js';

const NOW = Date.parse('2026-11-28T15:00:12Z');

function start(over: Partial<Parameters<typeof initialState>[0]> = {}): DashboardState {
  return initialState({ report: mixedReport(), now: NOW, offline: false, columns: 120, rows: 40, ...over });
}

describe('dashboard reducer', () => {
  it('selects the biggest holding first and moves within bounds', () => {
    let s = start();
    expect(s.selected).toBe('AAPL'); // 1900 > 700 > missing
    s = reducer(s, { type: 'move', delta: 1 });
    expect(s.selected).toBe('VOD.L');
    s = reducer(s, { type: 'move', delta: 5 });
    expect(s.selected).toBe('ZZZZ');
    s = reducer(s, { type: 'move', delta: -10 });
    expect(s.selected).toBe('AAPL');
    // Moving past the top changes nothing (same object: no re-render).
    expect(reducer(s, { type: 'move', delta: -1 })).toBe(s);
  });

  it('cycles the sort through value, day %, gain %, symbol, weight and back', () => {
    let s = start();
    const seen = [s.sort];
    for (let i = 0; i < 5; i++) {
      s = reducer(s, { type: 'cycle-sort' });
      seen.push(s.sort);
    }
    expect(seen).toEqual(['value', 'day', 'gain', 'symbol', 'weight', 'value']);
  });

  it('keeps the selection on the same symbol when a new report lands, and falls back when it is gone', () => {
    let s = reducer(start(), { type: 'move', delta: 1 });
    s = reducer(s, { type: 'report', report: mixedReport(), at: NOW + 5000 });
    expect(s.selected).toBe('VOD.L');
    s = reducer(s, { type: 'report', report: report([holding('MSFT')]), at: NOW + 6000 });
    expect(s.selected).toBe('MSFT');
    expect(s.reportAt).toBe(NOW + 6000);
  });

  it('tracks refresh progress and says it on the status line', () => {
    let s = start();
    s = reducer(s, { type: 'refresh-start', total: 120, batches: 3 });
    s = reducer(s, { type: 'refresh-progress', done: 40, total: 120, batch: 1, batches: 3 });
    s = reducer(s, { type: 'schedule', nextAt: NOW + 60_000 });
    expect(statusText(s).text).toBe('refreshing 40/120 · batch 1/3 · next in 60s');
    s = reducer(s, { type: 'refresh-end', at: NOW, problem: null, circuit: 'closed' });
    expect(s.refresh.phase).toBe('idle');
    expect(statusText(s).text).toMatch(/^updated 0s ago · next in 60s · 1 stale, 1 missing$/);
  });

  it('says plainly why prices are stale when the provider is down', () => {
    let s = start();
    s = reducer(s, { type: 'refresh-start', total: 3, batches: 1 });
    s = reducer(s, { type: 'refresh-end', at: NOW, problem: 'provider unavailable (circuit open): 3 prices not refreshed, showing cached ones', circuit: 'open' });
    const st = statusText(s);
    expect(st.text).toContain('provider unavailable (circuit open)');
    expect(st.text).toContain('1 stale, 1 missing');
    expect(st.tone).toBe('warn');
    expect(s.refresh.circuit).toBe('open');
  });

  it('remembers why symbols did not refresh until they do', () => {
    let s = start();
    s = reducer(s, { type: 'failures', failures: { 'VOD.L': 'not refreshed: HTTP 503', ZZZZ: 'unknown symbol' }, refreshed: [] });
    expect(s.failures).toEqual({ 'VOD.L': 'not refreshed: HTTP 503', ZZZZ: 'unknown symbol' });
    s = reducer(s, { type: 'failures', failures: {}, refreshed: ['VOD.L'] });
    expect(s.failures).toEqual({ ZZZZ: 'unknown symbol' });
    s = reducer(s, { type: 'refresh-end', at: NOW, problem: null, circuit: 'closed', failures: {} });
    expect(s.failures).toEqual({});
  });

  it('never starts a refresh when offline', () => {
    let s = start({ offline: true });
    s = reducer(s, { type: 'refresh-start', total: 3, batches: 1 });
    expect(s.refresh.phase).toBe('offline');
    expect(statusText(s).text).toMatch(/^offline: cached prices only/);
  });

  it('toggles charts and panels, changes range, ignores no-op resizes and ticks', () => {
    let s = start();
    s = reducer(s, { type: 'toggle-charts' });
    expect(s.showCharts).toBe(false);
    s = reducer(s, { type: 'panel', panel: 'help' });
    expect(s.panel).toBe('help');
    s = reducer(s, { type: 'panel', panel: 'help' });
    expect(s.panel).toBe('none');
    s = reducer(s, { type: 'panel', panel: 'notifications' });
    s = reducer(s, { type: 'close-panel' });
    expect(s.panel).toBe('none');
    s = reducer(s, { type: 'range', range: '5Y' });
    expect(s.range).toBe('5Y');
    expect(reducer(s, { type: 'resize', columns: 120, rows: 40 })).toBe(s);
    expect(reducer(s, { type: 'resize', columns: 60, rows: 20 }).size).toEqual({ columns: 60, rows: 20 });
    expect(reducer(s, { type: 'tick', now: s.now })).toBe(s);
  });
});
