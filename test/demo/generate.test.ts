import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHoldingsReport } from '../../src/ledger/holdings-report.js';
import { demoDbPath, ensureDemoData } from '../../src/demo/demo-db.js';
import { generateDemoTransactions } from '../../src/demo/generate.js';
import { DEMO_INSTRUMENTS } from '../../src/demo/universe.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2026-11-28T15:00:00Z');

describe('demo portfolio', () => {
  it('is deterministic and covers what the dashboard needs to show', () => {
    const a = generateDemoTransactions('2026-11-28');
    expect(generateDemoTransactions('2026-11-28')).toEqual(a);
    const symbols = new Set(a.filter((t) => t.type === 'buy').map((t) => t.symbol));
    expect(symbols.size).toBeGreaterThanOrEqual(15);
    expect(symbols.size).toBeLessThanOrEqual(25);
    for (const s of ['VTI', 'BTC-USD', 'SAP.DE', 'VOD.L', 'VUSA.L']) expect(symbols).toContain(s);
    expect(new Set(a.map((t) => t.currency))).toEqual(new Set(['USD', 'EUR', 'GBP']));
    const types = new Set(a.map((t) => t.type));
    for (const t of ['deposit', 'buy', 'sell', 'dividend', 'split', 'interest', 'fee']) expect(types).toContain(t);
    const years = (Date.parse(a.at(-1)?.date ?? '') - Date.parse(a[0]?.date ?? '')) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThanOrEqual(4);
    expect(a.find((t) => t.type === 'split')).toMatchObject({ symbol: 'NVDA', ratio: '10:1', date: '2024-06-10' });
    // Dates in order, nothing after yesterday.
    expect(a.every((t, i) => i === 0 || (a[i - 1]?.date ?? '') <= t.date)).toBe(true);
    expect(a.every((t) => t.date < '2026-11-28')).toBe(true);
  });

  it('lives in its own database and fills it once, with closes for every instrument and FX pair', () => {
    const home = tempDir();
    const path = demoDbPath({ PORTFOLIO_HOME: home }, join(home, 'portfolio.db'));
    expect(path).toBe(join(home, 'demo.db'));
    expect(demoDbPath({}, '/x/y/portfolio.db')).toBe('/x/y/demo.db');
    const db = openDb(path);
    try {
      const first = ensureDemoData(db, NOW);
      expect(first.created).toBe(true);
      expect(first.closesAdded).toBeGreaterThan(DEMO_INSTRUMENTS.length * 1000);
      const again = ensureDemoData(db, NOW);
      expect(again).toEqual({ created: false, transactions: first.transactions, closesAdded: 0 });
      const fx = db.prepare("SELECT COUNT(*) AS n FROM daily_closes WHERE symbol IN ('EURUSD=X','GBPUSD=X')").get() as { n: number };
      expect(fx.n).toBeGreaterThan(2000);
      // Every holding is priced from the cache alone, with no ledger problem.
      const r = buildHoldingsReport(db, { baseCurrency: 'USD', costMethod: 'avg', now: NOW, ttlSeconds: 300 });
      expect(r.holdings.length).toBeGreaterThanOrEqual(15);
      expect(r.holdings.every((h) => h.price !== null && h.marketValue !== null)).toBe(true);
      expect(r.warnings.filter((w) => w.startsWith('ledger'))).toEqual([]);
      expect(r.totals.cash).toBeGreaterThan(0);
      expect(r.holdings.find((h) => h.symbol === 'SAP.DE')?.name).toBe('SAP SE');
    } finally {
      db.close();
    }
  });
});
