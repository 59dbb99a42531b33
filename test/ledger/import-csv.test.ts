import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/base/errors.js';
import { importCsv } from '../../src/ledger/import-csv.js';
import { importPrices } from '../../src/ledger/prices-import.js';
import { openDb, type Db } from '../../src/store/db.js';
import { getCloses } from '../../src/store/prices.js';
import { tempDir } from '../helpers/tmp.js';

const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio';

function setup(): { db: Db; file: (text: string) => string } {
  const dir = tempDir();
  let n = 0;
  return {
    db: openDb(join(dir, 'portfolio.db')),
    file: (text) => {
      const path = join(dir, `f${n++}.csv`);
      writeFileSync(path, text);
      return path;
    },
  };
}
const opts = (path: string, dryRun = false) => ({ path, name: 'f.csv', baseCurrency: 'EUR', dryRun });
const keys = (db: Db) => (db.prepare('SELECT import_key AS k FROM transactions ORDER BY id').all() as { k: string }[]).map((r) => r.k);

describe('importCsv', () => {
  it('keys each row by content hash and occurrence, in file order', async () => {
    const { db, file } = setup();
    const f = file(`${HEADER}\n2024-01-02,deposit,,,,100,,,,,\n2024-01-03,deposit,,,,50,,,,,\n2024-01-02,deposit,,,,100,,,,,\n`);
    const s = await importCsv(db, opts(f));
    expect(s).toMatchObject({ rows: 3, added: 3, alreadyImported: 0, byType: { deposit: 3 }, dryRun: false });
    const k = keys(db);
    expect(k[0]).toMatch(/^[\w-]{24}:1$/);
    expect(k[2]).toBe(k[0]!.replace(/:1$/, ':2'));
    expect(k[1]).toMatch(/:1$/);
    // Defaults: the base currency and the default account.
    expect(db.prepare('SELECT DISTINCT currency FROM transactions').all()).toEqual([{ currency: 'EUR' }]);
  });

  it('a dry run reports the same summary and writes nothing', async () => {
    const { db, file } = setup();
    const f = file(`${HEADER}\n2024-01-02,buy,sap.de,5,100,,1,,depot,,\n2024-01-03,split,SAP.DE,,,,,,depot,,2:1\n`);
    const s = await importCsv(db, opts(f, true));
    expect(s).toMatchObject({ added: 2, byType: { buy: 1, split: 1 }, dryRun: true });
    expect(s.preview[0]).toMatchObject({ symbol: 'SAP.DE', quantity: 5, price: 100, fee: 1, currency: 'EUR', account: 'depot' });
    expect(keys(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 0 });
  });

  it('collects every error with its line, in line order, and caps the list', async () => {
    const { db, file } = setup();
    const bad = Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},deposit,,,,-1,,,,,`).join('\n');
    const f = file(`${HEADER}\n2024-01-05,sell,X,1,1,,,,,,\n${bad}\n`);
    const err = await importCsv(db, { ...opts(f), maxErrors: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.message).toBe('f.csv: 31 errors; nothing was imported');
    expect(e.details).toHaveLength(6);
    expect(e.details[0]).toMatch(/^f\.csv:3: amount: must be greater than 0/);
    expect(e.details[5]).toBe('... and 26 more errors');
    expect(keys(db)).toEqual([]);
  });

  it('leaves no staging table or open transaction behind after an error', async () => {
    const { db, file } = setup();
    await expect(importCsv(db, opts(file(`${HEADER}\n2024-02-30,deposit,,,,1,,,,,\n`)))).rejects.toThrow(InputError);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT name FROM sqlite_temp_master WHERE name = 'import_staging'").all()).toEqual([]);
    const s = await importCsv(db, opts(file(`${HEADER}\n2024-02-28,deposit,,,,1,,,,,\n`)));
    expect(s.added).toBe(1);
  });
});

describe('importPrices', () => {
  it('records manual closes from a file, symbols upper-cased', async () => {
    const { db, file } = setup();
    const r = await importPrices(db, file('Close,Symbol,DATE\n12.5,myfund,2024-06-03\n12.75,MYFUND,2024-06-04\n'), 'p.csv');
    expect(r).toEqual({ rows: 2, symbols: 1 });
    expect(getCloses(db, 'MYFUND')).toEqual([{ date: '2024-06-03', close: 12.5 }, { date: '2024-06-04', close: 12.75 }]);
  });

  it('writes nothing when any row is bad, and names missing columns', async () => {
    const { db, file } = setup();
    await expect(importPrices(db, file('symbol,date,close\nA,2024-06-03,1\nB,2024-06-03,NaN\n'), 'p.csv')).rejects.toThrow(InputError);
    expect(getCloses(db, 'A')).toEqual([]);
    const err = (await importPrices(db, file('symbol,close\nA,1\n'), 'p.csv').catch((e: unknown) => e)) as InputError;
    expect(err.details).toEqual(['p.csv:1: date: required column missing']);
  });
});
