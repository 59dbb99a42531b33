/**
 * allocation, target and rebalance through the CLI in-process (main with injected streams, a pinned
 * clock and a temp PORTFOLIO_HOME), prices from manual closes: no network.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2026-11-28T12:00:00Z'); // a Saturday: the answers must not depend on market hours

const run = (home: string, ...args: string[]) => runMain(args, { env: { PORTFOLIO_HOME: home }, clock: { now: () => NOW } });

/** VTI 80 shares at 100, BND 10 at 100 (class bond by config), BTC 0.01 at 50,000, 500 cash. */
async function portfolio(): Promise<string> {
  const home = tempDir();
  writeFileSync(join(home, 'config.json'), JSON.stringify({ symbols: { BND: { class: 'bond', sector: 'bonds' } } }));
  const csv = [
    'date,type,symbol,quantity,price,amount,currency,account',
    '2026-01-05,deposit,,,,10000,USD,broker',
    '2026-01-06,buy,VTI,80,90,,USD,broker',
    '2026-01-06,buy,BND,10,100,,USD,broker',
    '2026-01-07,buy,BTC-USD,0.01,40000,,USD,broker',
    '2026-01-08,withdrawal,,,,300,USD,broker',
  ].join('\n');
  writeFileSync(join(home, 't.csv'), `${csv}\n`);
  expect((await run(home, 'import', join(home, 't.csv'))).code).toBe(0);
  writeFileSync(join(home, 'p.csv'), 'symbol,date,close\nVTI,2026-11-27,100\nBND,2026-11-27,100\nBTC-USD,2026-11-27,50000\n');
  expect((await run(home, 'prices', 'import', join(home, 'p.csv'))).code).toBe(0);
  const db = openDb(join(home, 'portfolio.db'));
  db.prepare("INSERT INTO instruments (symbol, quote_type) VALUES ('VTI','ETF'), ('BND','ETF'), ('BTC-USD','CRYPTOCURRENCY')").run();
  db.close();
  return home;
}

describe('allocation', () => {
  it('groups by class with config overrides, cash as its own group, and the contract JSON', async () => {
    const home = await portfolio();
    // cash: 10,000 - 7,200 - 1,000 - 400 - 300 = 1,100
    const r = await run(home, 'allocation', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ by: 'class', baseCurrency: 'USD', total: 10600 });
    const byKey = Object.fromEntries(j.groups.map((g: { key: string }) => [g.key, g]));
    expect(byKey.etf).toMatchObject({ value: 8000, target: null, drift: null });
    expect(byKey.bond.value).toBe(1000);
    expect(byKey.crypto.value).toBe(500);
    expect(byKey.cash.value).toBe(1100);
    expect(byKey.etf.weight).toBeCloseTo(8000 / 10600, 12);
    const text = await run(home, 'allocation', '--by', 'sector');
    expect(text.stdout).toMatch(/bonds\s+1,000\.00/);
    expect(text.stdout).toMatch(/unknown\s+8,500\.00/);
  });

  it('by country and currency', async () => {
    const home = await portfolio();
    const c = JSON.parse((await run(home, 'allocation', '--by', 'country', '--json')).stdout);
    expect(c.groups.map((g: { key: string; value: number }) => [g.key, g.value])).toEqual([
      ['US', 9000],
      ['cash', 1100],
      ['unknown', 500],
    ]);
  });

  it('sets, lists and removes targets, refusing more than 100%, and shows drift', async () => {
    const home = await portfolio();
    expect((await run(home, 'target', 'set', 'ETF', '70')).code).toBe(0);
    expect((await run(home, 'target', 'set', 'bond', '20')).code).toBe(0);
    const over = await run(home, 'target', 'set', 'crypto', '15');
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/105%/);
    expect((await run(home, 'target', 'set', 'crypto', '10')).code).toBe(0);
    const list = JSON.parse((await run(home, 'target', 'list', '--json')).stdout);
    expect(list.targets).toEqual([
      { by: 'class', group: 'bond', target: 0.2 },
      { by: 'class', group: 'crypto', target: 0.1 },
      { by: 'class', group: 'etf', target: 0.7 },
    ]);
    const a = JSON.parse((await run(home, 'allocation', '--json')).stdout);
    const etf = a.groups.find((g: { key: string }) => g.key === 'etf');
    expect(etf.target).toBe(0.7);
    expect(etf.drift).toBeCloseTo(8000 / 10600 - 0.7, 12);
    const rm = await run(home, 'target', 'rm', 'gold');
    expect(rm.code).toBe(1);
    expect(rm.stderr).toMatch(/no class target for gold \(targets: bond, crypto, etf\)/);
    expect((await run(home, 'target', 'rm', 'crypto')).code).toBe(0);
    expect((await run(home, 'target', 'set', 'x', '101')).code).toBe(1);
  });
});

describe('rebalance', () => {
  it('proposes buys with new cash, never sells with --no-sell, and records nothing', async () => {
    const home = await portfolio();
    await run(home, 'target', 'set', 'etf', '80');
    await run(home, 'target', 'set', 'bond', '20');
    const before = (await run(home, 'transactions', '--json')).stdout;
    const r = await run(home, 'rebalance', '--cash', '1000', '--no-sell', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // V = 10,600 + 1,000 = 11,600. Targets sum to 100%: all cash (1,100 + 1,000) is investable.
    // bond wants 2,320 (has 1,000): 13 shares; etf wants 9,280 (has 8,000): 12 shares = 1,200 > 2,100 - 1,300 = 800 left,
    // so both are scaled to the budget: bond 2,100 * 1,320/2,600 = 1,066 -> 10 sh; etf 1,034 -> 10 sh; then
    // one more share while it helps and fits: 100 left -> one more bond (largest shortfall).
    const buys = Object.fromEntries(j.trades.map((t: { symbol: string; quantity: number; side: string }) => [t.symbol, [t.side, t.quantity]]));
    expect(buys).toEqual({ BND: ['buy', 11], VTI: ['buy', 10] });
    const spent = j.trades.reduce((a: number, t: { amount: number }) => a + t.amount, 0);
    expect(spent).toBeLessThanOrEqual(2100);
    expect(j.driftAfter).toBeLessThan(j.driftBefore);
    expect((await run(home, 'transactions', '--json')).stdout).toBe(before);
    const text = await run(home, 'rebalance', '--cash', '1000');
    expect(text.stdout).toMatch(/buy\s+BND\s+11/);
    expect(text.stdout).toMatch(/Nothing was recorded/);
  });

  it('sells when allowed, respects the minimum trade, and explains missing targets', async () => {
    const home = await portfolio();
    const none = await run(home, 'rebalance');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no targets set/);
    await run(home, 'target', 'set', 'VTI', '50', '--by', 'symbol');
    await run(home, 'target', 'set', 'BND', '50', '--by', 'symbol');
    const j = JSON.parse((await run(home, 'rebalance', '--json')).stdout);
    // V = 10,600 (BTC untargeted; all cash investable: targets sum to 100%): each wants 5,300.
    // VTI sells 27 (2,700); BND can buy with 1,100 cash + 2,700 raised = 3,800: 38 shares of the 43 it lacks.
    expect(j.trades.find((t: { symbol: string }) => t.symbol === 'VTI')).toMatchObject({ side: 'sell', quantity: 27, amount: 2700 });
    expect(j.trades.find((t: { symbol: string }) => t.symbol === 'BND')).toMatchObject({ side: 'buy', quantity: 38, amount: 3800 });
    const small = JSON.parse((await run(home, 'rebalance', '--min-trade', '3000', '--json')).stdout);
    expect(small.trades.every((t: { amount: number }) => t.amount >= 3000)).toBe(true);
    const bad = await run(home, 'rebalance', '--cash', '-5');
    expect(bad.code).toBe(1);
  });
});
