import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { addCloses } from '../returns/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2025-01-15T18:00:00Z';
const LEDGER = `date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio
2022-03-01,buy,AAPL,10,150,,1,USD,broker,,
2023-06-01,dividend,AAPL,,,2.4,,USD,broker,,
2023-06-15,buy,AAPL,10,130,,1,USD,broker,,
2023-09-01,dividend,AAPL,,,4.8,,USD,broker,,
2023-12-01,dividend,AAPL,,,4.8,,USD,broker,,
2024-01-10,buy,SAP.DE,10,100,,0,EUR,+depot,,
2024-03-01,dividend,AAPL,,,4.8,,USD,broker,,
2024-03-10,sell,AAPL,15,180,,2,USD,broker,,
2024-06-01,dividend,AAPL,,,1.2,,USD,broker,,
2024-06-10,split,AAPL,,,,,USD,broker,,2:1
2024-09-01,dividend,AAPL,,,1.3,,USD,broker,,
2024-11-20,sell,SAP.DE,4,150,,0,EUR,+depot,,
2024-12-01,dividend,AAPL,,,1.3,,USD,broker,,
2024-12-01,interest,,,,5,,USD,broker,,
`;

async function home(config?: object) {
  const dir = tempDir();
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const file = join(dir, 'history.csv');
  writeFileSync(file, LEDGER);
  const run = (args: string[]) => runMain(args, dir, NOW);
  const imported = await run(['import', file]);
  expect(imported.code).toBe(0);
  const db = openDb(join(dir, 'portfolio.db'));
  addCloses(db, [
    ['EURUSD=X', '2024-01-10', 1.1],
    ['EURUSD=X', '2024-11-20', 1.05],
    ['EURUSD=X', '2025-01-14', 1.03],
    ['AAPL', '2024-12-31', 240],
    ['SAP.DE', '2024-12-31', 160],
  ]);
  db.close();
  return run;
}

type Json = Record<string, unknown> & { totals: Record<string, number>; rows: Record<string, unknown>[] };

describe('portfolio gains', () => {
  it('FIFO: one row per lot with dates, terms, each leg at its own FX; CSV for a tax adviser', async () => {
    const run = await home();
    const r = await run(['gains', '--year', '2024', '--cost-method', 'fifo', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({ from: '2024-01-01', to: '2024-12-31', costMethod: 'fifo', baseCurrency: 'USD' });
    expect(j.rows.map((x) => [x.symbol, x.acquired, x.quantity, x.term, x.holdingDays])).toEqual([
      ['AAPL', '2022-03-01', 10, 'long', 740],
      ['AAPL', '2023-06-15', 5, 'short', 269],
      ['SAP.DE', '2024-01-10', 4, 'short', 315],
    ]);
    // AAPL: proceeds 15 x 180 - 2 = 2698 shared by quantity; costs 1501 and 1301 / 2.
    expect(j.rows[0]?.proceeds).toBeCloseTo(2698 * (10 / 15), 9);
    expect(j.rows[0]?.costBasis).toBeCloseTo(1501, 9);
    expect(j.rows[1]?.costBasis).toBeCloseTo(650.5, 9);
    // SAP.DE: 600 EUR at 1.05 less 400 EUR at 1.10 = 630 - 440 = 190 USD; natively 200 EUR.
    expect(j.rows[2]).toMatchObject({ currency: 'EUR', account: '+depot' });
    expect(j.rows[2]?.gain).toBeCloseTo(190, 9);
    expect(j.rows[2]?.gainNative).toBeCloseTo(200, 9);
    expect(j.totals.gain).toBeCloseTo(2698 - 1501 - 650.5 + 190, 9);
    expect(j.totals.longTerm).toBeCloseTo(2698 * (10 / 15) - 1501, 9);
    expect(j.totals.shortTerm).toBeCloseTo(2698 * (5 / 15) - 650.5 + 190, 9);

    const csv = await run(['gains', '--year', '2024', '--cost-method', 'fifo', '--csv']);
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout) as string[][];
    expect(rows[0]).toEqual(['date_acquired', 'date_sold', 'symbol', 'account', 'quantity', 'term', 'holding_days', 'currency', 'proceeds', 'cost_basis', 'gain']);
    expect(rows).toHaveLength(4);
    // A cell a spreadsheet would run as a formula is escaped.
    expect(rows[3]).toEqual(['2024-01-10', '2024-11-20', 'SAP.DE', "'+depot", '4', 'short', '315', 'USD', '630.00', '440.00', '190.00']);
    const native = parse((await run(['gains', '--year', '2024', '--cost-method', 'fifo', '--csv', '--currency', 'native'])).stdout) as string[][];
    expect(native[3]?.slice(7)).toEqual(['EUR', '600.00', '400.00', '200.00']);
    // Output is identical between runs.
    expect((await run(['gains', '--year', '2024', '--cost-method', 'fifo', '--csv'])).stdout).toBe(csv.stdout);

    const table = await run(['gains', '--year', '2024', '--by', 'account']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ \+depot\s+│/);
    expect(table.stdout).toMatch(/│ Total\s+│/);
  });

  it('average cost: one row per sale and term, acquired null; the year 2023 has no sales', async () => {
    const run = await home();
    const j = JSON.parse((await run(['gains', '--year', '2024', '--json'])).stdout) as Json;
    expect(j.costMethod).toBe('avg');
    expect(j.rows.map((x) => [x.symbol, x.term, x.quantity, x.acquired])).toEqual([
      ['AAPL', 'short', 5, null],
      ['AAPL', 'long', 10, null],
      ['SAP.DE', 'short', 4, null],
    ]);
    expect(j.totals.gain).toBeCloseTo(2698 - 15 * (2802 / 20) + 190, 9);
    const none = JSON.parse((await run(['gains', '--year', '2023', '--json'])).stdout) as Json;
    expect(none.rows).toEqual([]);
    expect(none.totals.gain).toBe(0);
  });

  it('refuses bad options with a usage error', async () => {
    const run = await home();
    for (const args of [['--year', '24'], ['--year', '2024', '--from', '2024-01-01'], ['--cost-method', 'lifo'], ['--by', 'x'], ['--currency', 'GBP'], ['--from', '2024-13-01'], ['--csv', '--json']]) {
      const r = await run(['gains', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toBe('');
    }
  });
});

describe('gains and income agree with performance and cashflows', () => {
  it.each([['avg'], ['fifo']])('realized gain per period equals performance (%s)', async (method) => {
    const run = await home({ costMethod: method });
    for (const [from, to] of [['2024-01-01', '2024-12-31'], ['2024-01-01', '2024-06-30'], ['2022-01-01', '2025-01-15']] as const) {
      const g = JSON.parse((await run(['gains', '--from', from, '--to', to, '--json'])).stdout) as Json;
      const p = JSON.parse((await run(['performance', '--from', from, '--to', to, '--json'])).stdout) as Record<string, number>;
      expect(p.realizedGain).toBeCloseTo(g.totals.gain as number, 9);
    }
    // Each symbol lives in one account here, so the holdings replay (which pools accounts) agrees too.
    const all = JSON.parse((await run(['gains', '--json'])).stdout) as Json;
    const h = JSON.parse((await run(['holdings', '--json'])).stdout) as { totals: { realizedGain: number } };
    expect(h.totals.realizedGain).toBeCloseTo(all.totals.gain as number, 9);
    const p = JSON.parse((await run(['performance', '--from', '2024-01-01', '--to', '2024-12-31', '--by', 'symbol', '--json'])).stdout) as { breakdown: { name: string; realizedGain: number }[] };
    expect(p.breakdown.find((b) => b.name === 'SAP.DE')?.realizedGain).toBeCloseTo(190, 9);
  });

  it('income: per period, net, trailing and forward twelve months, matching performance and cashflows', async () => {
    const run = await home();
    const r = await run(['income', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      by: string;
      rows: { period: string; dividends: number; interest: number; taxWithheld: number; net: number }[];
      trailing12m: number;
      forward12m: { total: number; months: { month: string; amount: number }[]; payments: { date: string; amount: number }[] };
      symbols: { symbol: string; frequency: string; lastPerShare: number; perShareTtm: number; yieldOnCost: number; currentYield: number }[];
    };
    expect(j.by).toBe('year');
    expect(j.rows.map((x) => [x.period, x.dividends, x.interest, x.taxWithheld])).toEqual([
      ['2023', expect.closeTo(12, 9), 0, 0],
      ['2024', expect.closeTo(8.6, 9), 5, 0],
    ]);
    expect(j.trailing12m).toBeCloseTo(13.6, 9);
    // Quarterly, last 0.13 per share (after the 2:1 split), 10 shares held: four payments of 1.30.
    expect(j.forward12m.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(j.forward12m.payments.map((p) => p.date)).toEqual(['2025-03-01', '2025-06-01', '2025-09-01', '2025-12-01']);
    expect(j.forward12m.total).toBeCloseTo(5.2, 9);
    const aapl = j.symbols.find((s) => s.symbol === 'AAPL');
    expect(aapl).toMatchObject({ frequency: 'quarterly', lastPerShare: expect.closeTo(0.13, 9) });
    // Per share over the trailing year, split-adjusted: 0.12 + 0.12 + 0.13 + 0.13.
    expect(aapl?.perShareTtm).toBeCloseTo(0.5, 9);
    expect(aapl?.currentYield).toBeCloseTo(0.5 / 240, 9);
    // Cost left: 5 shares of the 130 lot under average cost: 10 split shares at 140.1 / 2.
    expect(aapl?.yieldOnCost).toBeCloseTo((0.5 * 10) / 700.5, 9);

    const perf = JSON.parse((await run(['performance', '--from', '2024-01-01', '--to', '2024-12-31', '--json'])).stdout) as Record<string, number>;
    const cash = JSON.parse((await run(['cashflows', '--by', 'year', '--json'])).stdout) as { rows: { period: string; dividends: number; interest: number }[] };
    const y2024 = j.rows.find((x) => x.period === '2024');
    expect(perf.dividends).toBeCloseTo(y2024?.dividends ?? NaN, 9);
    expect(perf.interest).toBeCloseTo(y2024?.interest ?? NaN, 9);
    for (const row of cash.rows) {
      const mine = j.rows.find((x) => x.period === row.period);
      expect(row.dividends).toBeCloseTo(mine?.dividends ?? 0, 9);
      expect(row.interest).toBeCloseTo(mine?.interest ?? 0, 9);
    }
    const text = await run(['income', '--by', 'quarter']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2024-Q4/);
    expect(text.stdout).toMatch(/Next payments: 2025-03-01 AAPL 1\.30/);
    expect((await run(['income', '--by', 'week'])).code).toBe(2);
  });
});
