import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { ensureDemoData } from '../../src/demo/demo-db.js';
import { generateDemoTransactions } from '../../src/demo/generate.js';
import { DEMO_INSTRUMENTS } from '../../src/demo/universe.js';
import { buildHoldingsReport } from '../../src/ledger/holdings-report.js';
import { createMarketServiceWith } from '../../src/market/create.js';
import { SIM_KNOWN } from '../../src/market/sim-known.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2026-11-28T15:00:00Z');
const report = (db: ReturnType<typeof openDb>, now = NOW) => buildHoldingsReport(db, { baseCurrency: 'USD', costMethod: 'avg', now, ttlSeconds: 300 });

describe('the demo looks like a real portfolio', () => {
  it('opens priced and keeps real names after refreshes', async () => {
    const db = openDb(join(tempDir(), 'demo.db'));
    try {
      ensureDemoData(db, NOW);
      const first = report(db);
      // Seeded from the sim provider at creation: nothing stale on a new demo's first frame.
      expect(first.holdings.every((h) => !h.stale)).toBe(true);
      const names = new Map(first.holdings.map((h) => [h.symbol, h.name]));
      for (const i of DEMO_INSTRUMENTS) if (names.has(i.symbol)) expect(names.get(i.symbol)).toBe(i.name);
      const later = new Date(NOW.getTime() + 3_600_000);
      const svc = await createMarketServiceWith({ db, config: parseConfig({ provider: 'sim' }), now: () => later });
      await svc.refreshQuotes(first.holdings.map((h) => h.symbol));
      svc.close();
      const after = report(db, later);
      expect(after.holdings.map((h) => [h.symbol, h.name])).toEqual(first.holdings.map((h) => [h.symbol, h.name]));
      expect(after.holdings.some((h) => h.name?.includes('(simulated)'))).toBe(false);
      // A second start does not re-seed: the cache shows its age.
      expect(ensureDemoData(db, new Date(NOW.getTime() + 2 * 86_400_000)).created).toBe(false);
    } finally {
      db.close();
    }
  });

  it('has plausible prices and gains', () => {
    const db = openDb(join(tempDir(), 'demo.db'));
    try {
      ensureDemoData(db, NOW);
      const r = report(db);
      for (const h of r.holdings) {
        const levels = Object.values(SIM_KNOWN[h.symbol]?.levels ?? {});
        const major = h.symbol.endsWith('.L') ? 100 : 1; // levels are in pence for London
        expect(h.price, h.symbol).not.toBeNull();
        expect((h.price as number) * major, h.symbol).toBeGreaterThan(Math.min(...levels) / 3);
        expect((h.price as number) * major, h.symbol).toBeLessThan(Math.max(...levels) * 4);
        expect(h.unrealizedGainPct, h.symbol).toBeGreaterThan(-0.7);
      }
      expect(r.totals.unrealizedGainPct).toBeGreaterThan(-0.3);
      expect(r.totals.unrealizedGainPct).toBeLessThan(2);
    } finally {
      db.close();
    }
  });

  it('prices the split stock as traded, so the holding keeps its value across the split', () => {
    const db = openDb(join(tempDir(), 'demo.db'));
    try {
      ensureDemoData(db, NOW);
      const close = (date: string) => (db.prepare("SELECT close FROM daily_closes WHERE symbol = 'NVDA' AND date = ?").get(date) as { close: number }).close;
      const txs = generateDemoTransactions('2026-11-28').filter((t) => t.symbol === 'NVDA' && t.type !== 'dividend');
      const held = (date: string) => txs.filter((t) => t.date <= date).reduce((q, t) => (t.type === 'split' ? q * 10 : q + (t.quantity ?? 0)), 0);
      const before = held('2024-06-07') * close('2024-06-07');
      const after = held('2024-06-10') * close('2024-06-10');
      expect(after / before).toBeGreaterThan(0.85);
      expect(after / before).toBeLessThan(1.15);
    } finally {
      db.close();
    }
  });

  it('rebuilds a demo made by an older simulation instead of mixing its trades with new prices', () => {
    const db = openDb(join(tempDir(), 'demo.db'));
    try {
      const first = ensureDemoData(db, NOW);
      const nameBefore = report(db).holdings.find((h) => h.symbol === 'VTI')?.name;
      // What an older build left: other levels and a placeholder name.
      db.prepare("UPDATE daily_closes SET close = close * 0.6 WHERE symbol = 'VTI'").run();
      db.prepare("UPDATE quotes SET name = 'VTI (simulated)' WHERE symbol = 'VTI'").run();
      const again = ensureDemoData(db, NOW);
      expect(again.created).toBe(true);
      expect(again.transactions).toBe(first.transactions);
      expect(report(db).holdings.find((h) => h.symbol === 'VTI')?.name).toBe(nameBefore);
      expect(ensureDemoData(db, NOW).created).toBe(false);
    } finally {
      db.close();
    }
  });
});
