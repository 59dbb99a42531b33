import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { allocate } from '../../src/core/allocation.js';
import type { AllocationReport } from '../../src/ledger/allocation-report.js';
import { App } from '../../src/ui/App.js';
import type { DashboardServices } from '../../src/ui/services.js';
import { initialState } from '../../src/ui/state.js';
import { mixedReport } from './report-fixture.js';

const NOW = Date.parse('2026-11-28T15:00:12Z');

/** Waits for a condition on the rendered frame (a loaded machine renders late), never a fixed time. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setImmediate(r));
  if (!check()) throw new Error(`never saw ${what}`);
}

const allocation: AllocationReport = {
  by: 'class',
  baseCurrency: 'USD',
  asOf: '2026-11-28T15:00:12.000Z',
  unpriced: [],
  warnings: [],
  ...allocate(
    [
      { key: 'equity', value: 7000 },
      { key: 'bond', value: 2000 },
      { key: 'cash', value: 1000 },
    ],
    new Map([
      ['equity', 0.8],
      ['bond', 0.2],
    ]),
  ),
};

let mounted: ReturnType<typeof render> | undefined;
afterEach(() => mounted?.unmount());

describe('dashboard allocation panel (l)', () => {
  it('opens on l with weights, bars, targets and drift, and closes on Esc', async () => {
    let loads = 0;
    const services: DashboardServices = {
      offline: true,
      refreshSeconds: 60,
      color: false,
      now: () => NOW,
      loadReport: () => mixedReport(),
      refresh: async () => ({ problem: null, circuit: 'closed' }),
      loadNotifications: () => ({ items: [], unread: 0 }),
      markRead: () => undefined,
      loadCharts: async (range, symbol) => ({ range, portfolio: [1, 2], symbol, closes: [1, 2], note: null }),
      loadAllocation: () => {
        loads++;
        return allocation;
      },
    };
    mounted = render(<App services={services} initial={initialState({ report: mixedReport(), now: NOW, offline: true, columns: 120, rows: 30 })} />);
    const frame = () => mounted?.lastFrame() ?? '';
    await until(() => frame().includes('AAPL'), 'the holdings');
    mounted.stdin.write('l');
    await until(() => frame().includes('Allocation by asset class'), 'the allocation panel');
    expect(frame()).toMatch(/equity\s+7,000\.00\s+70\.0%\s+#+/);
    expect(frame()).toMatch(/target 80\.0%\s+drift -10\.0%/);
    expect(frame()).toMatch(/Allocation by asset class \(USD\) · drift 10\.0%/);
    expect(loads).toBe(1);
    mounted.stdin.write('\u001b');
    await until(() => !frame().includes('Allocation by asset class'), 'the panel closing');
    expect(frame()).toContain('AAPL');
  });
});
