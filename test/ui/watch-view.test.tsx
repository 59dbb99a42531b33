import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { DashboardServices } from '../../src/ui/services.js';
import { initialState, reducer, statusText } from '../../src/ui/state.js';
import { nextView, promptKey } from '../../src/ui/watch-view.js';
import { holding, mixedReport, report } from './report-fixture.js';

const NOW = Date.parse('2026-11-28T15:00:12Z');
// Ink paints on its own schedule: poll for the frame (a condition, not a fixed sleep).
const wait = () => new Promise((r) => setTimeout(r, 10));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await wait();
  }
  throw new Error(`never saw ${what}:\n${app?.lastFrame() ?? ''}`);
}

const watched = () => report([holding('TSLA', { name: 'Tesla, Inc.', quantity: 0, price: 250.5, marketValue: null, unrealizedGain: null, costBasis: null, dayChange: -2.5, dayChangePct: -0.0099 })]);

function services(alerts: unknown[]): DashboardServices {
  return {
    offline: true,
    refreshSeconds: 60,
    color: false,
    now: () => NOW,
    loadReport: () => mixedReport(),
    refresh: () => Promise.resolve({ problem: null, circuit: 'closed' }),
    loadNotifications: () => ({ items: [], unread: 0 }),
    markRead: () => undefined,
    loadCharts: (range, symbol) => Promise.resolve({ range, portfolio: [], symbol, closes: [], note: null }),
    loadWatchlists: () => ['tech'],
    loadWatch: () => watched(),
    addAlert(symbol, kind, price) {
      alerts.push([symbol, kind, price]);
      return `alert 7 added: ${symbol} ${kind} ${price}`;
    },
  };
}

let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

describe('dashboard watchlists', () => {
  it('w shows each watchlist (name in the status line), then the holdings again; a adds an alert on the row', async () => {
    const alerts: unknown[] = [];
    app = render(<App services={services(alerts)} initial={initialState({ report: mixedReport(), now: NOW, offline: true, columns: 120, rows: 30 })} />);
    const frame = () => app?.lastFrame() ?? '';
    await until(() => frame().includes('AAPL'), 'holdings');
    app.stdin.write('w');
    await until(() => frame().includes('Watchlist tech'), 'the watchlist');
    expect(frame()).toContain('list tech · offline');
    expect(frame()).toMatch(/TSLA\s+Tesla, Inc\.\s+0\s+250\.50/);
    expect(frame()).not.toContain('AAPL');
    app.stdin.write('a');
    await until(() => frame().includes('alert on TSLA: [a]bove or [b]elow?'), 'the prompt');
    for (const ch of ['b', '1', '5', '0', 'x', '.', '5']) app.stdin.write(ch);
    await until(() => frame().includes('alert on TSLA below: 150.5'), 'the typed price');
    app.stdin.write('\r');
    await until(() => frame().includes('alert 7 added: TSLA below 150.5'), 'the confirmation');
    expect(alerts).toEqual([['TSLA', 'below', 150.5]]);
    app.stdin.write('w');
    await until(() => frame().includes('AAPL') && !frame().includes('Watchlist tech'), 'the holdings again');
  });

  it('reducer and prompt steps', () => {
    let s = initialState({ report: mixedReport(), now: NOW, offline: false, columns: 100, rows: 30 });
    s = reducer(s, { type: 'view', view: { list: 'tech', report: watched() } });
    expect(s.selected).toBe('TSLA');
    expect(statusText(s).text.startsWith('list tech · ')).toBe(true);
    s = reducer(s, { type: 'report', report: mixedReport(), at: NOW + 1000 });
    expect(s.selected).toBe('TSLA');
    s = reducer(s, { type: 'view', view: null });
    expect(s.selected).toBe('AAPL');
    expect([nextView(null, ['a', 'b']), nextView('a', ['a', 'b']), nextView('b', ['a', 'b']), nextView(null, [])]).toEqual(['a', 'b', null, null]);
    const p = { symbol: 'X', kind: 'above' as const, text: '' };
    expect(promptKey(p, '', { return: true }).error).toMatch(/greater than 0/);
    expect(promptKey({ ...p, text: '0' }, '', { return: true }).error).toBeDefined();
    expect(promptKey({ ...p, text: '12' }, '', { backspace: true }).prompt?.text).toBe('1');
    expect(promptKey(p, '', { escape: true }).prompt).toBeNull();
  });
});
