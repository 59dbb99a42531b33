/**
 * Through the commands: `gains` and `income` print the same bytes whether they read stored years
 * (src/returns/stored-replay.ts) or replay from the first row, after an import, a remove, and a
 * config change of cost method or base currency.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { clearReplayYears, replayYears } from '../../src/store/lot-replay.js';
import { listTransactions } from '../../src/store/transactions.js';
import { storedSummary } from '../../src/ledger/positions-snapshot.js';
import { addCloses } from '../returns/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2025-01-15T18:00:00Z';
const HEAD = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio\n';
const LEDGER = `${HEAD}2021-03-01,buy,AAPL,10,150,,1,USD,broker,,
2022-03-01,buy,SAP.DE,10,100,,0,EUR,depot,,
2022-06-01,dividend,AAPL,,,2.4,,USD,broker,,
2023-06-15,buy,AAPL,10,130,,1,USD,broker,,
2023-09-01,sell,SAP.DE,3,120,,1,EUR,depot,,
2023-12-01,dividend,SAP.DE,,,7,,EUR,depot,,
2024-03-10,sell,AAPL,15,180,,2,USD,broker,,
2024-06-10,split,AAPL,,,,,USD,broker,,2:1
2024-09-01,dividend,AAPL,,,1.3,,USD,broker,,
2024-11-20,sell,SAP.DE,4,150,,0,EUR,depot,,
2025-01-10,buy,AAPL,1,200,,0,USD,broker,,
`;
const COMMANDS = [
  ['gains', '--json'],
  ['gains', '--year', '2023', '--csv'],
  ['gains', '--year', '2024', '--cost-method', 'fifo'],
  ['income', '--by', 'month', '--json'],
];

describe('gains and income from stored years, through the commands', () => {
  it('print what a replay from the first row prints, after import, remove and config changes', async () => {
    const dir = tempDir();
    const run = (args: string[]) => runMain(args, dir, NOW);
    writeFileSync(join(dir, 'a.csv'), LEDGER);
    expect((await run(['import', join(dir, 'a.csv')])).code).toBe(0);
    const db = openDb(join(dir, 'portfolio.db'));
    addCloses(db, [['EURUSD=X', '2022-01-03', 1.13], ['EURUSD=X', '2023-09-01', 1.08], ['EURUSD=X', '2024-11-20', 1.05], ['USDEUR=X', '2022-01-03', 0.885]]);
    const outputs = async () => {
      const out: string[] = [];
      for (const c of COMMANDS) {
        const r = await run(c);
        expect(r.code).toBe(0);
        out.push(r.stdout + r.stderr);
      }
      return out;
    };
    const check = async () => {
      clearReplayYears(db);
      const full = await outputs(); // stores the years as it goes
      expect(replayYears(db, { costMethod: 'fifo', baseCurrency: 'USD', longTermMonths: 12 })).toEqual(['2021', '2022', '2023', '2024']);
      expect(await outputs()).toEqual(full);
      return full;
    };
    const first = await check();

    writeFileSync(join(dir, 'b.csv'), `${HEAD}2023-02-01,buy,AAPL,5,140,,1,USD,broker,,\n`);
    expect((await run(['import', join(dir, 'b.csv')])).code).toBe(0);
    expect(replayYears(db, { costMethod: 'fifo', baseCurrency: 'USD', longTermMonths: 12 })).toEqual(['2021', '2022']);
    const imported = await check();
    expect(imported).not.toEqual(first);

    const sale = listTransactions(db).find((t) => t.date === '2023-09-01');
    expect((await run(['remove', String(sale?.id)])).code).toBe(0);
    expect(replayYears(db, { costMethod: 'fifo', baseCurrency: 'USD', longTermMonths: 12 })).toEqual(['2021', '2022']);
    await check();

    writeFileSync(join(dir, 'config.json'), JSON.stringify({ costMethod: 'avg', baseCurrency: 'EUR' }));
    await outputs();
    expect(replayYears(db, { costMethod: 'avg', baseCurrency: 'EUR', longTermMonths: 12 })).toEqual(['2021', '2022', '2023', '2024']);
    const stored = await outputs();
    clearReplayYears(db);
    expect(await outputs()).toEqual(stored);
    db.close();
  });

  it('are replayed and stored by the command that changed the ledger, so the next report reads them', async () => {
    const dir = tempDir();
    const run = (args: string[]) => runMain(args, dir, NOW);
    const AVG = { costMethod: 'avg', baseCurrency: 'USD', longTermMonths: 12 };
    writeFileSync(join(dir, 'a.csv'), LEDGER);
    const db = openDb(join(dir, 'portfolio.db'));
    addCloses(db, [['EURUSD=X', '2022-01-03', 1.13], ['EURUSD=X', '2023-09-01', 1.08], ['EURUSD=X', '2024-11-20', 1.05]]);
    // A dry run changes nothing and stores nothing.
    expect((await run(['import', join(dir, 'a.csv'), '--dry-run'])).code).toBe(0);
    expect(replayYears(db, AVG)).toEqual([]);
    expect((await run(['import', join(dir, 'a.csv')])).code).toBe(0);
    expect(replayYears(db, AVG)).toEqual(['2021', '2022', '2023', '2024']);
    expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
    const reports = async () => {
      const out: string[] = [];
      for (const c of [['gains', '--json'], ['income', '--json'], ['holdings', '--json']]) {
        const r = await run(c);
        expect(r.code).toBe(0);
        out.push(r.stdout + r.stderr);
      }
      return out;
    };
    // What the stored replays give equals a replay from the first row.
    const expectFreshEqualsStored = async () => {
      const stored = await reports();
      clearReplayYears(db);
      db.prepare('DELETE FROM positions_cache').run();
      expect(await reports()).toEqual(stored);
    };
    await expectFreshEqualsStored();

    // A row dated in the ledger's first year drops every stored year; `add` stores them again.
    expect((await run(['add', 'buy', 'AAPL', '2', '--price', '120', '--date', '2021-05-03', '--account', 'broker'])).code).toBe(0);
    expect(replayYears(db, AVG)).toEqual(['2021', '2022', '2023', '2024']);
    expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
    await expectFreshEqualsStored();

    const added = listTransactions(db).find((t) => t.date === '2021-05-03');
    expect((await run(['remove', String(added?.id)])).code).toBe(0);
    expect(replayYears(db, AVG)).toEqual(['2021', '2022', '2023', '2024']);
    await expectFreshEqualsStored();

    // An FX close dated in 2022 drops 2022 on; `prices set` stores them again.
    expect((await run(['prices', 'set', 'EURUSD=X', '1.1', '--date', '2022-02-01'])).code).toBe(0);
    expect(replayYears(db, AVG)).toEqual(['2021', '2022', '2023', '2024']);
    expect(storedSummary(db, 'avg', 'USD')).not.toBeNull();
    await expectFreshEqualsStored();
    db.close();
  });
});
