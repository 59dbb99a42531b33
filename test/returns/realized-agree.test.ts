/**
 * One lot engine answers `holdings`, `performance` and `gains`: on a ledger with a symbol bought in
 * two accounts at different costs, a split, a transfer, a rename, a spin-off and fees, the three
 * commands report the same realized gain, and it is the hand-worked figure below (both methods).
 *
 * Hand-worked (USD, fees in the cost, proceeds net of the sell fee):
 *   broker: buy 10 ACME @100 +5 (1,005) and 10 @110 +5 (1,105); isa: 10 @120 +5 (1,205). Split 2:1.
 *   2023-05-10 sell 10 in broker @60 -5 = 595. FIFO: half the first lot, 502.50: +92.50.
 *     avg: broker's own average 2,110/40 = 52.75 -> 527.50: +67.50 (pooled over both accounts it
 *     would be 3,315/60 = 55.25: +42.50, which is what `holdings` used to say).
 *   Transfer 10 isa -> broker (cost 602.50, acquired 2023-02-10). Rename ACME -> ACMX 1:1.
 *   Spin-off ACMX -> SPIN 1:2, fraction 0.2: every lot keeps 80% of its cost.
 *   2024-02-10 sell 15 ACMX in broker @70 -10 = 1,040. FIFO: 10 from the first lot (402) + 5 of the
 *     transferred lot (241) = 643: +397. avg: broker's ACMX cost (1,582.50 + 602.50) x 0.8 = 1,748
 *     for 40: 15 x 43.70 = 655.50: +384.50.
 *   2024-03-10 sell 12 SPIN in broker @30 = 360. FIFO: 5 (100.50) + 5 (120.50) + 2 of 10 (44.20)
 *     = 265.20: +94.80. avg: 437/20 x 12 = 262.20: +97.80.
 *   2024-04-10 sell 10 ACMX in isa @80 -5 = 795; cost 482 under both: +313.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2024-12-31T18:00:00Z';
const LEDGER = `date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio,to_account,to_symbol,fraction
2023-01-02,deposit,,,,10000,,USD,broker,,,,,
2023-01-10,buy,ACME,10,100,,5,USD,broker,,,,,
2023-02-10,buy,ACME,10,120,,5,USD,isa,,,,,
2023-03-10,buy,ACME,10,110,,5,USD,broker,,,,,
2023-04-10,split,ACME,,,,,USD,broker,,2:1,,,
2023-05-10,sell,ACME,10,60,,5,USD,broker,,,,,
2023-05-20,fee,,,,12,,USD,broker,account fee,,,,
2023-06-10,transfer,ACME,10,,,,USD,isa,,,broker,,
2023-07-10,rename,ACME,,,,,USD,broker,,1:1,,ACMX,
2023-08-10,spinoff,ACMX,,,,,USD,broker,,1:2,,SPIN,0.2
2023-09-01,dividend,ACMX,,,20,,USD,broker,,,,,
2024-02-10,sell,ACMX,15,70,,10,USD,broker,,,,,
2024-03-10,sell,SPIN,12,30,,0,USD,broker,,,,,
2024-04-10,sell,ACMX,10,80,,5,USD,isa,,,,,
2024-06-30,interest,,,,7.5,,USD,broker,,,,,
2024-07-01,dividend,SPIN,,,4,,USD,broker,,,,,
`;

const WORKED = {
  fifo: { 2023: 92.5, 2024: 397 + 94.8 + 313 },
  avg: { 2023: 67.5, 2024: 384.5 + 97.8 + 313 },
};

async function home(costMethod: 'avg' | 'fifo') {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ costMethod }));
  writeFileSync(join(dir, 'history.csv'), LEDGER);
  const run = async (args: string[]) => {
    const r = await runMain(args, dir, NOW);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  await run(['import', join(dir, 'history.csv')]);
  return run;
}

type Obj = Record<string, unknown>;

describe('holdings, performance and gains report one realized gain', () => {
  for (const method of ['fifo', 'avg'] as const) {
    it(`${method}: every command agrees with the worked figures`, async () => {
      const run = await home(method);
      const worked = WORKED[method];
      for (const year of ['2023', '2024'] as const) {
        const gains = JSON.parse(await run(['gains', '--year', year, '--json'])) as { totals: { gain: number }; costMethod: string };
        expect(gains.costMethod).toBe(method);
        expect(gains.totals.gain).toBeCloseTo(worked[year], 8);
        const perf = JSON.parse(await run(['performance', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--json'])) as { realizedGain: number };
        expect(perf.realizedGain).toBeCloseTo(worked[year], 8);
      }
      const all = worked[2023] + worked[2024];
      const gainsAll = JSON.parse(await run(['gains', '--json'])) as { totals: { gain: number }; groups: { rows: { key: string; gain: number }[] } };
      expect(gainsAll.totals.gain).toBeCloseTo(all, 8);
      const holdings = JSON.parse(await run(['holdings', '--json'])) as { totals: { realizedGain: number }; holdings: Obj[] };
      expect(holdings.totals.realizedGain).toBeCloseTo(all, 8);
      // Per symbol too: the open positions' realized gain is the gains rows of that symbol (the
      // rename carries ACME's into ACMX).
      for (const h of holdings.holdings) {
        const g = gainsAll.groups.rows.filter((r) => r.key === h.symbol || (h.symbol === 'ACMX' && r.key === 'ACME')).reduce((a, r) => a + r.gain, 0);
        expect(h.realizedGain, String(h.symbol)).toBeCloseTo(g, 8);
      }
      // Income: its dividends and interest are the ones cashflows and performance report.
      const income = JSON.parse(await run(['income', '--by', 'year', '--json'])) as { rows: { period: string; dividends: number; interest: number }[] };
      const flows = JSON.parse(await run(['cashflows', '--by', 'year', '--json'])) as { rows: { period: string; dividends: number; interest: number }[] };
      expect(income.rows.map((r) => [r.period, r.dividends, r.interest])).toEqual([
        ['2023', 20, 0],
        ['2024', 4, 7.5],
      ]);
      for (const r of income.rows) {
        expect(flows.rows.find((f) => f.period === r.period)).toMatchObject({ dividends: r.dividends, interest: r.interest });
        const perf = JSON.parse(await run(['performance', '--from', `${r.period}-01-01`, '--to', `${r.period}-12-31`, '--json'])) as { dividends: number; interest: number };
        expect([perf.dividends, perf.interest]).toEqual([r.dividends, r.interest]);
      }
      // The performance table shows it as well, in its own column.
      const text = await run(['performance', '--from', '2024-01-01', '--to', '2024-12-31']);
      const header = text.split('\n').find((l) => l.includes('Realized')) ?? '';
      const row = text.split('\n').find((l) => l.includes('custom')) ?? '';
      const cells = (l: string) => l.split('│').map((c) => c.trim());
      const at = cells(header).indexOf('Realized');
      expect(at).toBeGreaterThan(0);
      expect(cells(row)[at]).toBe(`+${worked[2024].toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    });
  }
});
