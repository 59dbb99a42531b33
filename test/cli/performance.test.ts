import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { addCloses, addTxs, tx } from '../returns/helpers.js';

/** A home with a cash-tracking account and an account without cash, prices to 2024-01-05. */
function home(): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  addTxs(db, [
    tx({ date: '2024-01-01', type: 'deposit', amount: 1000, account: 'broker' }),
    tx({ date: '2024-01-02', type: 'buy', symbol: 'AAA', quantity: 10, price: 50, account: 'broker' }),
    tx({ date: '2024-01-02', type: 'buy', symbol: 'BBB', quantity: 4, price: 25, fee: 1, account: 'ira' }),
    tx({ date: '2024-01-04', type: 'withdrawal', amount: 200, account: 'broker' }),
    tx({ date: '2024-01-05', type: 'dividend', symbol: 'BBB', amount: 3, account: 'ira' }),
  ]);
  addCloses(db, [
    ['AAA', '2024-01-02', 50],
    ['AAA', '2024-01-03', 55],
    ['AAA', '2024-01-04', 60],
    ['BBB', '2024-01-02', 25],
    ['BBB', '2024-01-03', 20],
  ]);
  db.close();
  return { dir, env: { PORTFOLIO_HOME: dir, PORTFOLIO_NOW: '2024-01-05T18:00:00Z' } };
}

describe('portfolio performance', () => {
  it('prints the contract JSON for one period', async () => {
    const { env } = home();
    const r = await runMain(['performance', '--from', '2024-01-01', '--to', '2024-01-05', '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['from', 'to', 'startValue', 'endValue', 'netFlows', 'gain', 'twr', 'twrAnnualized', 'irr', 'dividends', 'fees', 'warnings']) {
      expect(j).toHaveProperty(k);
    }
    expect(j.from).toBe('2024-01-01');
    expect(j.to).toBe('2024-01-05');
    expect(j.startValue).toBe(0);
    // broker: 300 cash + 10 x 60; ira: 4 x 20.
    expect(j.endValue).toBeCloseTo(980, 9);
    // In: 1000 deposit + 101 buy (cost + fee, no cash); out: 200 withdrawal + 3 dividend.
    expect(j.netFlows).toBeCloseTo(898, 9);
    expect(j.gain).toBeCloseTo(82, 9);
    expect(j.dividends).toBeCloseTo(3, 9);
    expect(j.fees).toBeCloseTo(1, 9);
    // Days: 1000/1000; (1000+100)/(1000+101); (1050+80)/1100; (900+200+80)/1130; (900+80+3)/980.
    const twr = (1100 / 1101) * (1130 / 1100) * (1180 / 1130) * (983 / 980) - 1;
    expect(j.twr).toBeCloseTo(twr, 12);
    expect(j.twrAnnualized).toBeCloseTo(Math.pow(1 + twr, 365 / 5) - 1, 9);
    expect(typeof j.irr).toBe('number');
  });

  it('prints a table of every period by default, and breakdowns by account and symbol', async () => {
    const { env } = home();
    const r = await runMain(['performance'], { env });
    expect(r.code).toBe(0);
    for (const p of ['1D', 'WTD', 'MTD', 'YTD', '1Y', '3Y', '5Y', 'MAX']) expect(r.stdout).toMatch(new RegExp(`│ ${p}\\s+│`));
    const json = JSON.parse((await runMain(['performance', '--json'], { env })).stdout) as { periods: { period: string }[] };
    expect(json.periods.map((p) => p.period)).toEqual(['1D', 'WTD', 'MTD', 'YTD', '1Y', '3Y', '5Y', 'MAX']);

    const acc = JSON.parse((await runMain(['performance', '--period', 'MTD', '--by', 'account', '--json'], { env })).stdout) as {
      breakdown: { name: string; endValue: number; twr: number }[];
    };
    expect(acc.breakdown.map((b) => b.name)).toEqual(['broker', 'ira']);
    expect(acc.breakdown[0]?.endValue).toBeCloseTo(900, 9);
    const sym = await runMain(['performance', '--by', 'symbol'], { env });
    expect(sym.stdout).toMatch(/│ AAA\s+│/);
    expect(sym.stdout).toMatch(/│ BBB\s+│/);
  });

  it('answers an empty ledger plainly: a hint, and JSON with a null IRR and its reason', async () => {
    const env = { PORTFOLIO_HOME: tempDir(), PORTFOLIO_NOW: '2024-01-05T18:00:00Z' };
    const r = await runMain(['performance'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no transactions yet/);
    const j = JSON.parse((await runMain(['performance', '--period', 'YTD', '--json'], { env })).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ from: '2024-01-01', to: '2024-01-05', startValue: 0, endValue: 0, twr: 0, irr: null, irrNote: 'no cash flows' });
    expect((await runMain(['chart'], { env })).stdout).toMatch(/nothing to chart yet/);
  });

  it('rejects bad options with exit 2', async () => {
    const { env } = home();
    expect((await runMain(['performance', '--period', '2Y'], { env })).code).toBe(2);
    expect((await runMain(['performance', '--from', '2024-13-01'], { env })).code).toBe(2);
    expect((await runMain(['performance', '--from', '2024-02-01', '--to', '2024-01-01'], { env })).code).toBe(2);
    expect((await runMain(['performance', '--by', 'sector'], { env })).code).toBe(2);
  });

  it('warns on stderr when a held symbol has no close', async () => {
    const { env, dir } = home();
    const db = openDb(join(dir, 'portfolio.db'));
    addTxs(db, [tx({ date: '2024-01-03', type: 'buy', symbol: 'NOPX', quantity: 1, price: 7, account: 'ira' })]);
    db.close();
    const r = await runMain(['performance', '--period', 'MTD'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: NOPX: no close on or before 2024-01-03\.\.2024-01-05/);
  });
});

describe('portfolio cashflows', () => {
  it('sums money in and out per month with a totals row', async () => {
    const { env } = home();
    const r = await runMain(['cashflows', '--by', 'month', '--json'], { env });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { by: string; rows: Record<string, number | string>[]; totals: Record<string, number> };
    expect(j.by).toBe('month');
    expect(j.rows).toEqual([
      { period: '2024-01', deposits: 1000, withdrawals: 200, dividends: 3, interest: 0, fees: 1, taxes: 0, buys: 600, sells: 0, net: 898 },
    ]);
    expect(j.totals.net).toBe(898);
    const q = JSON.parse((await runMain(['cashflows', '--by', 'quarter', '--json'], { env })).stdout) as { rows: { period: string }[] };
    expect(q.rows[0]?.period).toBe('2024-Q1');
    const y = await runMain(['cashflows', '--by', 'year'], { env });
    expect(y.stdout).toMatch(/│ 2024\s+│/);
    expect(y.stdout).toMatch(/│ Total\s+│/);
    expect((await runMain(['cashflows', '--by', 'week'], { env })).code).toBe(2);
  });
});

describe('portfolio chart', () => {
  it('draws the portfolio and a symbol, and gives the series as JSON', async () => {
    const { env } = home();
    const r = await runMain(['chart', '--range', '1M'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Portfolio value vs net contributions/);
    expect(r.stdout).toMatch(/[┼┤]/);
    // Not a TTY: 80 columns at most.
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    const j = JSON.parse((await runMain(['chart', '--range', 'MAX', '--json'], { env })).stdout) as {
      series: { date: string; value: number; netContributions: number }[];
    };
    expect(j.series.at(-1)).toEqual({ date: '2024-01-05', value: 980, netContributions: 898 });
    const s = JSON.parse((await runMain(['chart', 'AAA', '--json'], { env })).stdout) as { series: { date: string; close: number }[] };
    expect(s.series.map((p) => p.close)).toEqual([50, 55, 60, 60]);
    expect((await runMain(['chart', '--range', '2W'], { env })).code).toBe(2);
  });
});

describe('portfolio export --format ledger', () => {
  it('writes transactions and P directives', async () => {
    const { env, dir } = home();
    const out = join(dir, 'p.journal');
    const r = await runMain(['export', '--format', 'ledger', '--output', out], { env });
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('P 2024-01-03 AAA 55 USD');
    expect(text).toMatch(/2024-01-02 buy AAA {2}; id:\d+\n {4}assets:portfolio:broker:AAA {2}10 AAA @ 50 USD\n {4}assets:portfolio:broker:cash\n/);
    expect(text).toContain('paid out (account without cash)');
  });
});
