import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { DashboardServices, RefreshCallbacks } from '../../src/ui/services.js';
import { initialState } from '../../src/ui/state.js';
import type { DashboardReport } from '../../src/ui/view-model.js';
import { holding, mixedReport, report } from './report-fixture.js';

const NOW = Date.parse('2026-11-28T15:00:12Z');
const turn = () => new Promise((r) => setTimeout(r, 5));

/** Polls until check() holds (machines under load render late); fails with the last frame. */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await turn();
  }
}

const frameOf = (app: { lastFrame: () => string | undefined }) => app.lastFrame() ?? '';
/** Waits for the first frame with the table (every test starts from it). */
const painted = (app: { lastFrame: () => string | undefined }) => until(() => /AAPL/.test(frameOf(app)), 'the first frame');

interface Fake extends DashboardServices {
  calls: { refresh: RefreshCallbacks[]; charts: string[] };
  current: DashboardReport;
  resolveRefresh?: () => void;
}

function fakeServices(over: Partial<DashboardServices> = {}): Fake {
  const fake: Fake = {
    calls: { refresh: [], charts: [] },
    current: mixedReport(),
    offline: false,
    refreshSeconds: 60,
    color: false,
    now: () => NOW,
    loadReport: () => fake.current,
    // By default a refresh hangs until the test resolves it (or the App aborts it).
    refresh(cb) {
      fake.calls.refresh.push(cb);
      return new Promise((resolve) => {
        fake.resolveRefresh = () => resolve({ problem: null, circuit: 'closed' });
        cb.signal.addEventListener('abort', () => resolve({ problem: 'aborted', circuit: 'closed' }));
      });
    },
    loadNotifications: () => ({ items: [{ id: 1, ts: '2026-11-28T14:00:00.000Z', kind: 'alert', message: 'AAPL above 180', symbol: 'AAPL', read: false }], unread: 1 }),
    markRead: () => undefined,
    async loadCharts(range, symbol) {
      fake.calls.charts.push(`${range}:${symbol}`);
      return { range, portfolio: [1, 2, 3, 4, 5, 4, 6], symbol, closes: [3, 2, 4, 5], note: null };
    },
    ...over,
  };
  return fake;
}

let mounted: ReturnType<typeof render> | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function mount(services: DashboardServices, columns = 100, rows = 40, r: DashboardReport = mixedReport()) {
  mounted = render(<App services={services} initial={initialState({ report: r, now: NOW, offline: services.offline, columns, rows })} />);
  return mounted;
}

describe('dashboard App (ink-testing-library)', () => {
  it('shows the table with freshness marks, ages and reasons', async () => {
    const app = mount(fakeServices(), 120);
    await until(() => frameOf(app).includes('● fresh  ○ stale  ✕ missing'), 'the first frame with its legend');
    const frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/● 12s\s+AAPL/);
    expect(frame).toMatch(/○ 3h\s+VOD\.L/);
    expect(frame).toMatch(/✕\s+ZZZZ/);
    expect(frame).toContain('stale · provider backing off');
    expect(frame).toContain('● fresh  ○ stale  ✕ missing');
  });

  it('cycles the sort with s and moves the selection with j/k', async () => {
    const app = mount(fakeServices());
    await painted(app);
    const order = () => ['AAPL', 'VOD.L', 'ZZZZ'].sort((a, b) => (app.lastFrame() ?? '').indexOf(` ${a} `) - (app.lastFrame() ?? '').indexOf(` ${b} `));
    expect(order()).toEqual(['AAPL', 'VOD.L', 'ZZZZ']);
    app.stdin.write('s'); // day %: AAPL +2%, VOD.L -1%, ZZZZ none
    app.stdin.write('s'); // gain %: AAPL +137%, VOD.L -12.5%
    app.stdin.write('s'); // symbol
    await until(() => frameOf(app).includes('sort: symbol'), 'sort by symbol');
    expect(app.lastFrame()).toContain('sort: symbol');
    app.stdin.write('j');
    await until(() => /\nVOD\.L VOD\.L Corp/.test(frameOf(app)), 'the selection to move');
    expect(app.lastFrame()).toMatch(/\nVOD\.L VOD\.L Corp · ○ stale · provider backing off/);
  });

  it('fits narrow terminals: columns drop, nothing wraps', async () => {
    const app = mount(fakeServices(), 50, 30);
    await painted(app);
    const lines = (app.lastFrame() ?? '').split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(50);
    const header = lines.find((l) => l.includes('symbol')) ?? '';
    expect(header).toContain('value');
    expect(header).not.toContain('name');
    expect(lines.some((l) => /^● 12s\s+AAPL/.test(l))).toBe(true);
  });

  it('updates rows in place as refresh batches land, and the header follows', async () => {
    const fake = fakeServices();
    const app = mount(fake);
    await until(() => fake.calls.refresh.length > 0, 'the first refresh');
    const cb = fake.calls.refresh[0] as RefreshCallbacks;
    cb.onStart(3, 1);
    await until(() => frameOf(app).includes('refreshing 0/3'), 'the refresh header');
    expect(app.lastFrame()).toContain('refreshing 0/3 · batch 1/1');
    fake.current = report([holding('AAPL', { price: 250, quantity: 10 }), holding('VOD.L', { price: 0.7, quantity: 1000 }), holding('ZZZZ', { price: 5 })]);
    cb.onProgress({ done: 3, total: 3, batch: 1, batches: 1, quotes: [], failures: [] });
    await until(() => frameOf(app).includes('refreshing 3/3'), 'the progress');
    // No quotes in that batch: nothing reloaded yet.
    expect(app.lastFrame()).not.toContain('250.00');
    cb.onProgress({ done: 3, total: 3, batch: 1, batches: 1, quotes: [{ symbol: 'AAPL', price: 250, previousClose: 240, currency: 'USD', name: null, marketTime: null, marketState: null, exchangeTimezone: null, fetchedAt: '', source: 'yahoo' }], failures: [] });
    await until(() => frameOf(app).includes('250.00'), 'the reloaded row');
    expect(app.lastFrame()).toContain('250.00');
    expect(app.lastFrame()).toContain('Value 3,750.00 USD');
    fake.resolveRefresh?.();
    await until(() => frameOf(app).includes('updated'), 'the refresh to finish');
    expect(app.lastFrame()).toMatch(/updated 0s ago · next in 60s/);
  });

  it('says why when the refresh fails', async () => {
    const fake = fakeServices({ refresh: async () => ({ problem: 'provider unavailable (circuit open): 3 prices not refreshed, showing cached ones', circuit: 'open' }) });
    const app = mount(fake);
    await until(() => frameOf(app).includes('provider unavailable'), 'the failure');
    expect(app.lastFrame()).toContain('provider unavailable (circuit open)');
  });

  it('quits on q and aborts a hanging refresh', async () => {
    const fake = fakeServices();
    const app = mount(fake);
    await until(() => fake.calls.refresh.length > 0, 'the first refresh');
    const signal = (fake.calls.refresh[0] as RefreshCallbacks).signal;
    expect(signal.aborted).toBe(false);
    app.stdin.write('q');
    await until(() => signal.aborted, 'the refresh to be aborted');
    expect(signal.aborted).toBe(true);
  });

  it('quits on Ctrl-C too', async () => {
    const fake = fakeServices();
    const app = mount(fake);
    await until(() => fake.calls.refresh.length > 0, 'the first refresh');
    app.stdin.write('\x03');
    await until(() => (fake.calls.refresh[0] as RefreshCallbacks).signal.aborted, 'the refresh to be aborted');
  });

  it('never refreshes offline', async () => {
    const fake = fakeServices({ offline: true });
    const app = mount(fake);
    // Wait until the charts are drawn too (well after the first frame): still no refresh started.
    await until(() => frameOf(app).includes('offline: cached prices only') && frameOf(app).includes('portfolio value'), 'the offline frame and its charts');
    expect(fake.calls.refresh).toHaveLength(0);
    expect(app.lastFrame()).toContain('offline: cached prices only');
  });

  it('draws charts after the rows, follows the range keys and hides them with c', async () => {
    const fake = fakeServices();
    const app = mount(fake, 100, 40);
    expect(fake.calls.charts).toHaveLength(0); // not before the first frame
    await until(() => (app.lastFrame() ?? '').includes('AAPL close · 1Y'), 'the charts');
    expect(fake.calls.charts).toEqual(['1Y:AAPL']);
    expect(app.lastFrame()).toContain('portfolio value · 1Y');
    app.stdin.write('2');
    await until(() => (app.lastFrame() ?? '').includes('AAPL close · 3M'), 'the 3M chart');
    expect(fake.calls.charts.at(-1)).toBe('3M:AAPL');
    app.stdin.write('6'); // keys 1-7: 1M 3M 6M YTD 1Y 5Y MAX
    await until(() => (app.lastFrame() ?? '').includes('AAPL close · 5Y'), 'the 5Y chart');
    app.stdin.write('c');
    await until(() => !(app.lastFrame() ?? '').includes('portfolio value'), 'charts hidden');
  });

  it('opens help and notifications panels', async () => {
    const app = mount(fakeServices());
    await painted(app);
    app.stdin.write('?');
    await until(() => frameOf(app).includes('cycle sort'), 'the help panel');
    expect(app.lastFrame()).toContain('cycle sort: value, day %, gain %, symbol, weight');
    app.stdin.write('?');
    app.stdin.write('n');
    await until(() => frameOf(app).includes('AAPL above 180'), 'the notifications panel');
    expect(app.lastFrame()).toContain('AAPL above 180');
  });

  it('opens the income panel with i: trailing and next twelve months and the next payments', async () => {
    let loads = 0;
    const app = mount(
      fakeServices({
        loadIncome: () => {
          loads++;
          return { baseCurrency: 'USD', trailing12m: 1234.5, forward12m: 1500, next: [{ date: '2026-12-15', symbol: 'AAPL', amount: 24.5 }] };
        },
      }),
    );
    await painted(app);
    app.stdin.write('i');
    await until(() => (app.lastFrame() ?? '').includes('Next payments'), 'the income panel');
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('Last 12 months, net of tax withheld: 1,234.50 USD');
    expect(frame).toContain('next 12 months (estimate): 1,500.00 USD');
    expect(frame).toMatch(/2026-12-15 AAPL\s+24\.50/);
    expect(loads).toBe(1);
    app.stdin.write('i');
    await until(() => !(app.lastFrame() ?? '').includes('Next payments'), 'the panel to close');
  });
});
