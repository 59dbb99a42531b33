/**
 * performance --benchmark in-process against a hand-computed case: deposits and a withdrawal
 * bought and sold the benchmark instead, a dividend reinvested; cache only (manual closes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2026-03-02T21:30:00Z');

const run = (home: string, ...args: string[]) => runMain(args, { env: { PORTFOLIO_HOME: home }, clock: { now: () => NOW } });

async function setUp(withDividend: boolean): Promise<string> {
  const home = tempDir();
  writeFileSync(
    join(home, 't.csv'),
    [
      'date,type,symbol,quantity,price,amount,currency,account',
      '2026-01-02,deposit,,,,1000,USD,a',
      '2026-01-02,buy,AAA,10,100,,USD,a',
      '2026-02-02,deposit,,,,600,USD,a',
      '2026-03-02,withdrawal,,,,200,USD,a',
      '',
    ].join('\n'),
  );
  expect((await run(home, 'import', join(home, 't.csv'))).code).toBe(0);
  writeFileSync(
    join(home, 'p.csv'),
    [
      'symbol,date,close',
      'AAA,2026-01-02,100',
      'AAA,2026-02-02,110',
      'AAA,2026-03-02,120',
      'VTI,2025-12-31,50',
      'VTI,2026-01-02,50',
      'VTI,2026-01-05,55',
      'VTI,2026-02-02,60',
      'VTI,2026-03-02,66',
      '',
    ].join('\n'),
  );
  expect((await run(home, 'prices', 'import', join(home, 'p.csv'))).code).toBe(0);
  if (withDividend) {
    const db = openDb(join(home, 'portfolio.db'));
    db.prepare("INSERT INTO market_events (symbol, date, kind, amount) VALUES ('VTI', '2026-02-02', 'dividend', 1.2)").run();
    db.close();
  }
  return home;
}

describe('performance --benchmark', () => {
  it('price only: TWR is the change of its closes; same money buys and sells it with every flow', async () => {
    const home = await setUp(false);
    const r = await run(home, 'performance', '--from', '2026-01-02', '--to', '2026-03-02', '--benchmark', 'vti', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.benchmark.symbol).toBe('VTI');
    expect(j.benchmark.twr).toBeCloseTo(66 / 50 - 1, 12);
    // 1,000 at 50 = 20 units; 600 at 60 = 10 units; -200 at 66; end 30 x 66 - 200 = 1,780.
    expect(j.benchmark.sameMoney.endValue).toBeCloseTo(1780, 9);
    expect(j.benchmark.excess).toBeCloseTo(j.twr - (66 / 50 - 1), 12);
    // The portfolio itself: AAA 10 x 120 + cash 600 - 200 = 1,600.
    expect(j.endValue).toBeCloseTo(1600, 9);
    expect(j.benchmark.sameMoney.irr).toBeGreaterThan(j.irr);
  });

  it('reinvests the dividends the provider reported', async () => {
    const home = await setUp(true);
    const j = JSON.parse((await run(home, 'performance', '--from', '2026-01-02', '--to', '2026-03-02', '--benchmark', 'VTI', '--json')).stdout);
    // TR: 50 -> 55 -> 55 x (60 + 1.2) / 55 = 61.2 -> 61.2 x 66 / 60 = 67.32
    expect(j.benchmark.twr).toBeCloseTo(67.32 / 50 - 1, 12);
    const units = 1000 / 50 + 600 / 61.2 - 200 / 67.32;
    expect(j.benchmark.sameMoney.endValue).toBeCloseTo(units * 67.32, 9);
    expect(j.benchmark.dividendsReinvested).toBe(true);
  });

  it('prints a comparison per period, takes the default from config, and warns on an uncached benchmark', async () => {
    const home = await setUp(false);
    writeFileSync(join(home, 'config.json'), JSON.stringify({ benchmark: 'VTI' }));
    const t = await run(home, 'performance');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/Against VTI/);
    expect(t.stdout).toMatch(/^YTD\s+/m);
    const missing = await run(home, 'performance', '--benchmark', 'NOPE', '--json');
    expect(missing.code).toBe(0);
    const j = JSON.parse(missing.stdout);
    expect(j.benchmark.twr).toBeNull();
    expect(j.warnings.join('\n')).toMatch(/NOPE: no closes stored/);
    expect((await run(home, 'performance', '--benchmark', 'bad symbol!')).code).toBe(2);
  });

  it('chart --benchmark draws the same money in the benchmark, or its closes scaled to the symbol', async () => {
    const home = await setUp(false);
    const c = await run(home, 'chart', '--range', 'MAX', '--benchmark', 'VTI', '--json');
    expect(c.code).toBe(0);
    const j = JSON.parse(c.stdout);
    expect(j.benchmark).toBe('VTI');
    const last = j.series[j.series.length - 1];
    expect(last.date).toBe('2026-03-02');
    expect(last.benchmarkValue).toBeCloseTo(1780, 9);
    const feb = j.series.find((p: { date: string }) => p.date === '2026-02-02');
    expect(feb.benchmarkValue).toBeCloseTo(30 * 60, 9); // 20 units + 10 bought that day, at 60
    const text = await run(home, 'chart', '--range', 'MAX', '--benchmark', 'VTI');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/same money in VTI \(third line\): 1,780\.00/);
    const sym = JSON.parse((await run(home, 'chart', 'AAA', '--range', 'MAX', '--benchmark', 'VTI', '--json')).stdout);
    expect(sym.series[0]).toMatchObject({ date: '2026-01-02', close: 100, benchmark: 100 });
    expect(sym.series[sym.series.length - 1].benchmark).toBeCloseTo((66 / 50) * 100, 9);
  });
});
