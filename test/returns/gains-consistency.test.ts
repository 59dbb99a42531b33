/**
 * On generated ledgers (two accounts, one in GBP at daily FX): `gains` totals equal `performance`'s
 * realizedGain for the same period, and `income` equals the dividends and interest that
 * `performance` and `cashflows` report.
 */
import { describe, expect, it } from 'vitest';
import { realizeLots } from '../../src/core/lots.js';
import { listTransactions } from '../../src/store/transactions.js';
import { cashflowsReport } from '../../src/returns/cashflows-report.js';
import { gainsReport } from '../../src/returns/gains-report.js';
import { incomeReport } from '../../src/returns/income-report.js';
import { performanceReport } from '../../src/returns/performance.js';
import { gbpUsdCloses, generate } from './generate.js';
import { addCloses, addTxs, tempDb } from './helpers.js';

function ledger(seed: number) {
  const { db } = tempDb();
  const { txs, closes } = generate(seed);
  addTxs(db, txs.map((t) => (t.symbol === 'VOD.L' ? { ...t, currency: 'GBP' } : t)));
  addCloses(db, [...closes, ...gbpUsdCloses()]);
  return db;
}

const PERIODS: [string, string][] = [['2023-01-01', '2023-12-31'], ['2024-01-01', '2024-12-31'], ['2024-04-01', '2024-06-30'], ['2023-01-01', '2024-12-31']];

describe('gains, income, performance and cashflows agree on generated ledgers', () => {
  for (const seed of [3, 17, 29]) {
    it(`seed ${seed}`, () => {
      const db = ledger(seed);
      const today = '2024-12-31';
      for (const costMethod of ['avg', 'fifo'] as const) {
        let sum = 0;
        for (const [from, to] of PERIODS) {
          const g = gainsReport(db, { baseCurrency: 'USD', costMethod, longTermMonths: 12, from, to });
          const p = performanceReport(db, { today, baseCurrency: 'USD', from, to, costMethod }).periods[0];
          expect(p?.realizedGain).toBeCloseTo(g.totals.gain, 8);
          expect(g.totals.shortTerm + g.totals.longTerm).toBeCloseTo(g.totals.gain, 8);
          if (from.endsWith('01-01') && to.endsWith('12-31') && from.slice(0, 4) === to.slice(0, 4)) sum += g.totals.gain;
        }
        const all = gainsReport(db, { baseCurrency: 'USD', costMethod, longTermMonths: 12, from: '2023-01-01', to: today });
        expect(all.rows.length).toBeGreaterThan(1);
        expect(all.totals.gain).toBeCloseTo(sum, 8);
        expect(all.byYear.reduce((a, y) => a + y.gain, 0)).toBeCloseTo(sum, 8);
      }

      // Realized under FIFO less realized under average cost = the cost still open under FIFO less
      // the cost still open under average cost (every cost is either sold or still held).
      const txs = listTransactions(db);
      const fifo = realizeLots(txs, { method: 'fifo' });
      const avg = realizeLots(txs, { method: 'avg' });
      const realized = (e: typeof fifo) => e.sales.reduce((a, s) => a + s.proceeds - s.cost, 0);
      const open = (e: typeof fifo) => e.openBooks().reduce((a, b) => a + b.cost, 0);
      expect(realized(fifo) - realized(avg)).toBeCloseTo(open(fifo) - open(avg), 6);
      expect(Math.abs(realized(fifo) - realized(avg))).toBeGreaterThan(0.01);
      expect(fifo.problems).toEqual([]);

      for (const by of ['month', 'quarter', 'year'] as const) {
        const inc = incomeReport(db, { by, today, now: new Date(`${today}T20:00:00Z`), baseCurrency: 'USD', costMethod: 'avg', ttlSeconds: 300 });
        const cf = cashflowsReport(db, { by, baseCurrency: 'USD' });
        expect(inc.rows.map((r) => r.period)).toEqual(cf.rows.filter((r) => r.dividends > 0 || r.interest > 0).map((r) => r.period));
        for (const r of inc.rows) {
          const c = cf.rows.find((x) => x.period === r.period);
          expect(r.dividends).toBeCloseTo(c?.dividends ?? NaN, 8);
          expect(r.interest).toBeCloseTo(c?.interest ?? NaN, 8);
        }
      }
      for (const [from, to] of PERIODS) {
        const p = performanceReport(db, { today, baseCurrency: 'USD', from, to }).periods[0];
        const inc = incomeReport(db, { by: 'month', today, now: new Date(`${today}T20:00:00Z`), baseCurrency: 'USD', costMethod: 'avg', ttlSeconds: 300 });
        const inside = inc.rows.filter((r) => r.period >= from.slice(0, 7) && r.period <= to.slice(0, 7));
        expect(p?.dividends).toBeCloseTo(inside.reduce((a, r) => a + r.dividends, 0), 8);
        expect(p?.interest).toBeCloseTo(inside.reduce((a, r) => a + r.interest, 0), 8);
      }
      db.close();
    });
  }
});
