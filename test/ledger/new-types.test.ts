/**
 * tax, tax_refund, transfer, rename and spinoff through `add`, CSV import/export, holdings,
 * performance, cashflows and the ledger journal, with hand-worked numbers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { home } from '../helpers/import-fixtures.js';

type Holding = { symbol: string; quantity: number; costBasis: number; realizedGain: number; accounts: { account: string; quantity: number }[] };
type Holdings = { totals: { cash: number; taxes: number; realizedGain: number; costBasis: number }; holdings: Holding[] };

const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio,to_account,to_symbol,fraction';

function csv(dir: string, rows: string[]): string {
  const path = join(dir, 'ledger.csv');
  writeFileSync(path, [HEADER, ...rows].join('\n'));
  return path;
}

describe('new transaction types', () => {
  it('transfer keeps cost, rename carries it with its ratio, spinoff moves the fraction; nothing is realized', async () => {
    const h = home();
    const file = csv(h.dir, [
      '2024-01-02,buy,AAA,10,100,,0,USD,a,,,,,',
      '2024-02-01,transfer,AAA,4,,,,USD,a,,,b,,',
      '2024-03-01,rename,AAA,,,,,USD,a,,2:1,,BBB,',
      '2024-04-01,spinoff,BBB,,,,,USD,a,,1:4,,CCC,0.2',
      '2024-05-01,sell,BBB,5,60,,0,USD,b,,,,,',
    ]);
    const r = await h.run(['import', file]);
    expect(r.code, r.stderr).toBe(0);
    const held = await h.json<Holdings>(['holdings']);
    const bbb = held.holdings.find((x) => x.symbol === 'BBB') as Holding;
    const ccc = held.holdings.find((x) => x.symbol === 'CCC') as Holding;
    // 10 AAA -> 20 BBB (2:1) at cost 1000; spinoff takes 20% of the cost to 5 CCC (1 per 4).
    // Sold 5 of 20 BBB at 60: cost 800 x 5/20 = 200, proceeds 300.
    expect(bbb.quantity).toBe(15);
    expect(bbb.costBasis).toBeCloseTo(600, 9);
    expect(bbb.accounts).toEqual([{ account: 'a', quantity: 12 }, { account: 'b', quantity: 3 }]);
    expect(ccc.quantity).toBe(5);
    expect(ccc.costBasis).toBeCloseTo(200, 9);
    expect(ccc.accounts).toEqual([{ account: 'a', quantity: 3 }, { account: 'b', quantity: 2 }]);
    expect(held.holdings.find((x) => x.symbol === 'AAA')).toBeUndefined();
    expect(held.totals.realizedGain).toBeCloseTo(100, 9);
  });

  it('tax and tax_refund: expenses out of a tracked account, net in totals.taxes; a cash transfer moves cash, not the portfolio total', async () => {
    const h = home();
    const file = csv(h.dir, [
      '2024-01-02,deposit,,,,1000,,USD,a,,,,,',
      '2024-01-03,dividend,KO,,,10,,USD,a,,,,,',
      '2024-01-03,tax,KO,,,1.5,,USD,a,,,,,',
      '2024-06-01,tax_refund,KO,,,0.5,,USD,a,,,,,',
      '2024-07-01,transfer,,,,300,,USD,a,,,b,,',
    ]);
    expect((await h.run(['import', file])).code).toBe(0);
    const held = await h.json<Holdings & { cashByAccount?: unknown }>(['holdings']);
    expect(held.totals.taxes).toBeCloseTo(1, 9);
    expect(held.totals.cash).toBeCloseTo(1000 + 10 - 1.5 + 0.5, 9);
    const flows = await h.json<{ rows: { period: string; deposits: number; net: number; taxes: number }[] }>(['cashflows', '--by', 'year']);
    // Only the deposit crosses the portfolio's edge; the transfer between accounts does not.
    expect(flows.rows).toEqual([expect.objectContaining({ period: '2024', deposits: 1000, net: 1000, taxes: 1 })]);
    const perf = await h.json<{ netFlows: number; taxes: number; dividends: number; endValue: number }>(['performance', '--from', '2024-01-01', '--to', '2024-12-31']);
    expect(perf.netFlows).toBeCloseTo(1000, 9);
    expect(perf.taxes).toBeCloseTo(1, 9);
    expect(perf.endValue).toBeCloseTo(1009, 9);
  });

  it('add records each new type; bad cells are refused with the option named', async () => {
    const h = home();
    expect((await h.run(['add', 'buy', 'FB', '3', '--price', '200', '--date', '2022-01-03'])).code).toBe(0);
    expect((await h.run(['alert', 'add', 'FB', 'above', '400'])).code).toBe(0);
    const ren = await h.run(['add', 'rename', 'FB', '--to-symbol', 'META', '--date', '2022-06-09']);
    expect(ren.code, ren.stderr).toBe(0);
    expect(ren.stdout).toMatch(/rename FB -> META 1:1/);
    const alerts = await h.json<unknown>(['alert', 'list']);
    expect(JSON.stringify(alerts)).toMatch(/"symbol":"META"/);
    expect(JSON.stringify(alerts)).not.toMatch(/"symbol":"FB"/);
    const bad = await h.run(['add', 'spinoff', 'META', '--to-symbol', 'XYZ', '--ratio', '1:2', '--fraction', '1.5']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--fraction: "1.5" is not a number from 0 to 1/);
    const both = await h.run(['add', 'transfer', 'META', '1', '--amount', '5', '--to-account', 'x']);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/either shares .* or cash/);
    const tooMany = await h.run(['add', 'transfer', 'META', '5', '--to-account', 'isa', '--date', '2022-07-01']);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toMatch(/transfers 5 META out of default .* only 3 are held there/);
    expect((await h.run(['add', 'transfer', 'META', '2', '--to-account', 'isa', '--date', '2022-07-01'])).code).toBe(0);
    const held = await h.json<Holdings>(['holdings']);
    expect(held.holdings.map((x) => [x.symbol, x.quantity, x.costBasis, x.accounts])).toEqual([
      ['META', 3, 600, [{ account: 'default', quantity: 1 }, { account: 'isa', quantity: 2 }]],
    ]);
  });

  it('export csv re-imports to the same ledger; the journal writes taxes, transfers and renames', async () => {
    const h = home();
    const file = csv(h.dir, [
      '2024-01-02,deposit,,,,1000,,USD,a,,,,,',
      '2024-01-03,buy,AAA,10,50,,1,USD,a,,,,,',
      '2024-01-04,tax,AAA,,,2,,USD,a,,,,,',
      '2024-01-05,transfer,AAA,4,,,,USD,a,,,b,,',
      '2024-01-06,rename,AAA,,,,,USD,a,,1:1,,AAB,',
      '2024-01-07,spinoff,AAB,,,,,USD,a,,1:2,,SPN,0.25',
    ]);
    expect((await h.run(['import', file])).code).toBe(0);
    const out = await h.run(['export', '--format', 'csv']);
    expect(out.stdout.split('\n')[0]).toBe(HEADER);
    const g = home();
    const copy = join(g.dir, 'copy.csv');
    writeFileSync(copy, out.stdout);
    const r = await g.run(['import', copy]);
    expect(r.code, r.stderr).toBe(0);
    const strip = (txs: Record<string, unknown>[]) => txs.map(({ id: _id, ...rest }) => rest);
    expect(strip(await g.json<Record<string, unknown>[]>(['transactions']))).toEqual(strip(await h.json<Record<string, unknown>[]>(['transactions'])));
    const journal = await h.run(['export', '--format', 'ledger']);
    expect(journal.code, journal.stderr).toBe(0);
    expect(journal.stdout).toMatch(/expenses:taxes:AAA {2}2 USD/);
    expect(journal.stdout).toMatch(/assets:portfolio:b:AAA {2}4 AAA\n {4}assets:portfolio:a:AAA {2}-4 AAA/);
    expect(journal.stdout).toMatch(/assets:portfolio:a:AAA {2}-6 AAA @@ 0 USD\n {4}assets:portfolio:a:AAB {2}6 AAB @@ 0 USD/);
  });
});
