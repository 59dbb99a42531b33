/**
 * The dashboard's services over a real database and the fake Yahoo (no Ink): one refresh prices held
 * and watched symbols in one quote request, the watchlist view reads them from the cache, and a
 * watched symbol's history is fetched only when its chart is asked for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/deps.js';
import { buildHoldingsReport } from '../../src/ledger/holdings-report.js';
import { addWatched } from '../../src/store/watchlists.js';
import { buildFrame } from '../../src/ui/frame.js';
import { createServices } from '../../src/ui/mount.js';
import { plainFrameLines } from '../../src/ui/plain-frame.js';
import { initialState } from '../../src/ui/state.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';
let fake: FakeYahoo;
afterEach(async () => fake?.close());

describe('dashboard with watchlists', () => {
  it('one refresh prices held and watched symbols in one request; the watchlist view shows them; charts fetch history on demand', async () => {
    fake = await startFakeYahoo({ now: () => new Date(NOW) });
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ yahoo: { timeoutMs: 1000, connectTimeoutMs: 500, retries: 1, backoffMs: 5, requestsPerSecond: 100 } }));
    const deps = createDeps({ env: { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url }, clock: { now: () => new Date(NOW) } });
    try {
      const db = deps.db();
      buyEach(db, ['AAPL', 'MSFT']);
      addWatched(db, 'watchlist', ['TSLA', 'BTC-USD'], new Date(NOW));
      const config = deps.config();
      const loadReport = () => buildHoldingsReport(db, { baseCurrency: config.baseCurrency, costMethod: config.costMethod, now: deps.clock.now(), ttlSeconds: config.quoteTtlSeconds });
      const state = initialState({ report: loadReport(), now: Date.parse(NOW), offline: false, columns: 120, rows: 30 });
      const charted: (string | null)[] = [];
      const services = createServices({ deps, state, color: false, offline: false, refreshSeconds: 60, loadReport }, {
        load: (req) => {
          charted.push(req.symbol);
          return Promise.resolve({ range: req.range, portfolio: [], symbol: req.symbol, closes: [], note: null });
        },
      });
      // First frame rule: the watchlist reads the cache only (nothing fetched yet: missing, no request).
      const before = services.loadWatch?.('watchlist');
      expect(before?.holdings.map((h) => [h.symbol, h.freshness])).toEqual([['BTC-USD', 'missing'], ['TSLA', 'missing']]);
      expect(fake.count()).toBe(0);

      const outcome = await services.refresh({ signal: new AbortController().signal, force: false, onStart: () => undefined, onProgress: () => undefined });
      expect(outcome.problem).toBeNull();
      expect(fake.count('quote')).toBe(1);
      expect(new Set(fake.requests.filter((r) => r.endpoint === 'quote').flatMap((r) => r.symbols))).toEqual(new Set(['AAPL', 'MSFT', 'TSLA', 'BTC-USD']));
      expect(fake.count('chart')).toBe(0);

      expect(services.loadWatchlists?.()).toEqual(['watchlist']);
      const view = services.loadWatch?.('watchlist');
      expect(view?.holdings.every((h) => h.freshness === 'fresh' && typeof h.price === 'number')).toBe(true);
      const lines = plainFrameLines(
        buildFrame({ report: view ?? state.report, watchlist: 'watchlist', sort: 'symbol', selected: 'TSLA', columns: 120, rows: 30, elapsedSeconds: 0, status: 'list watchlist', unread: 0, showCharts: false }),
        120,
        false,
      );
      expect(lines[0]).toContain('Watchlist watchlist · 2 symbols');
      expect(lines.find((l) => l.includes('BTC-USD'))).toMatch(/BTC-USD\s+Bitcoin USD\s+0\s+96,077\.45/);

      await services.loadCharts('1Y', 'TSLA');
      expect(fake.requests.filter((r) => r.endpoint === 'chart').map((r) => r.symbols[0])).toEqual(['TSLA']);
      await services.loadCharts('1Y', 'AAPL');
      expect(fake.count('chart')).toBe(1); // a held symbol's history comes from warm, not from the chart
      expect(charted).toEqual(['TSLA', 'AAPL']);
      // Alerts work on watched symbols: the next refresh's quotes are checked as they land.
      const tsla = view?.holdings.find((h) => h.symbol === 'TSLA')?.price as number;
      expect(services.addAlert?.('TSLA', 'below', tsla + 1)).toBe(`alert 1 added: TSLA below ${tsla + 1}`);
      await services.refresh({ signal: new AbortController().signal, force: true, onStart: () => undefined, onProgress: () => undefined });
      expect(services.loadNotifications().items.map((n) => [n.kind, n.symbol])).toContainEqual(['alert', 'TSLA']);
    } finally {
      deps.close();
    }
  });
});
