import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

const SAMPLE = fileURLToPath(new URL('../../examples/sample.csv', import.meta.url));
const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio';
const NOW = '2024-06-05T15:00:00Z';

function home() {
  const dir = tempDir();
  // No network here: the simulated market checks symbols as they enter (an unreachable Yahoo would
  // only print a warning on every add and import).
  const run = (args: string[]) => runMain(args, { env: { PORTFOLIO_HOME: dir, PORTFOLIO_NOW: NOW, PORTFOLIO_PROVIDER: 'sim' } });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const txs = async (): Promise<Record<string, unknown>[]> => {
    const r = await run(['transactions', '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown>[];
  };
  return { dir, run, file, txs };
}

describe('import', () => {
  it('imports the example file, then adds nothing on a second import', async () => {
    const h = home();
    const r = await h.run(['import', SAMPLE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imported 12 transactions/);
    const again = await h.run(['import', SAMPLE]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/imported 0 transactions .*12 already imported/);
    expect(await h.txs()).toHaveLength(12);
  });

  it('--dry-run shows what would be added and writes nothing', async () => {
    const h = home();
    const r = await h.run(['import', SAMPLE, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would add 12 transactions \(buy 4, deposit 1, dividend 2, fee 1, interest 1, sell 1, split 1, withdrawal 1\)/);
    expect(r.stdout).toContain('+ 2021-07-20 split NVDA 4:1 [broker]');
    expect(await h.txs()).toHaveLength(0);
  });

  it('imports two identical rows of one file once each, and neither again', async () => {
    const h = home();
    const f = h.file('dup.csv', `${HEADER}\n2024-01-02,deposit,,,,100,,,,,\n2024-01-02,deposit,,,,100,,,,,\n`);
    expect((await h.run(['import', f])).stdout).toMatch(/imported 2 /);
    expect((await h.run(['import', f])).stdout).toMatch(/imported 0 .*2 already/);
    expect(await h.txs()).toHaveLength(2);
  });

  it('imports only the new rows of a file that grew since the last import', async () => {
    const h = home();
    const first = `${HEADER}\n2024-01-02,deposit,,,,100,,,,,\n2024-01-03,buy,AAPL,1,50,,,,,,\n`;
    expect((await h.run(['import', h.file('jan.csv', first)])).stdout).toMatch(/imported 2 /);
    const grown = h.file('feb.csv', `${first}2024-02-01,sell,AAPL,1,60,,,,,,\n`);
    const dry = await h.run(['import', grown, '--dry-run']);
    expect(dry.stdout).toMatch(/would add 1 transaction \(sell 1\) .*2 already imported/);
    expect(dry.stdout).toContain('+ 2024-02-01 sell 1 AAPL @ 60.00 USD [default]');
    expect((await h.run(['import', grown])).stdout).toMatch(/imported 1 transaction \(sell 1\)/);
    expect(await h.txs()).toHaveLength(3);
  });

  it('accepts a BOM, CRLF line ends and columns in any order and case', async () => {
    const h = home();
    const f = h.file('bom.csv', '\uFEFFSymbol,TYPE,Date,Quantity,Price\r\naapl,buy,2024-01-02,3,100\r\naapl,sell,2024-01-03,1,110\r\n');
    const r = await h.run(['import', f]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await h.txs()).map((t) => [t.symbol, t.type, t.quantity])).toEqual([['AAPL', 'buy', 3], ['AAPL', 'sell', 1]]);
  });

  const bad: [string, string, RegExp][] = [
    ['a bad date', `${HEADER}\n2024-02-30,deposit,,,,100,,,,,`, /bad\.csv:2: date: "2024-02-30" is not a valid date/],
    ['a negative quantity', `${HEADER}\n2024-01-02,buy,AAPL,-5,100,,,,,,`, /bad\.csv:2: quantity: must be greater than 0, got -5/],
    ['a zero quantity', `${HEADER}\n2024-01-02,buy,AAPL,0,100,,,,,,`, /bad\.csv:2: quantity: must be greater than 0, got 0/],
    ['an unknown type', `${HEADER}\n2024-01-02,swap,,,,100,,,,,`, /bad\.csv:2: type: unknown type "swap"/],
    ['a missing column a type needs', 'date,type,symbol,quantity\n2024-01-02,buy,AAPL,5', /bad\.csv:2: price: required for a buy/],
    ['an unknown column', 'date,type,amount,comment\n2024-01-02,deposit,100,hi', /bad\.csv:1: comment: unknown column/],
    ['a ratio that is not N:M', `${HEADER}\n2024-01-02,buy,AAPL,5,1,,,,,,\n2024-01-03,split,AAPL,,,,,,,,4-1`, /bad\.csv:3: ratio: "4-1" is not a ratio N:M/],
    ['a sell of more than is held, in date order', `${HEADER}\n2024-01-05,sell,ZZZ,5,100,,,,,,\n2024-01-02,buy,ZZZ,10,90,,,,,,\n2024-01-04,sell,ZZZ,6,100,,,,,,`, /bad\.csv:2: quantity: sells 5 ZZZ on 2024-01-05 but only 4 are held in account "default" then/],
    ['a sell of more than the existing ledger holds', `${HEADER}\n2024-06-01,sell,AAPL,41,190,,,,broker,,`, /bad\.csv:2: quantity: sells 41 AAPL on 2024-06-01 but only 40 are held/],
    ['1e309', `${HEADER}\n2024-01-02,deposit,,,,1e309,,,,,`, /bad\.csv:2: amount: "1e309" is not a plain decimal number/],
    ['NaN', `${HEADER}\n2024-01-02,buy,AAPL,NaN,1,,,,,,`, /bad\.csv:2: quantity: "NaN" is not a plain decimal number/],
    ['1,5', `${HEADER}\n2024-01-02,buy,AAPL,1,"1,5",,,,,,`, /bad\.csv:2: price: "1,5" is not a plain decimal number/],
    ['a semicolon-separated file', 'date;type;amount\n2024-01-02;deposit;100', /bad\.csv:1: header: columns are separated by ";"; this format needs commas/],
    ['an empty file', '', /bad\.csv: the file is empty; expected a header row/],
    ['a file with only a header', `${HEADER}\r\n`, /bad\.csv: no transactions after the header/],
    ['a row with too many cells', `${HEADER}\n2024-01-02,deposit,,,,100,,,,,,extra`, /bad\.csv:2: row: has 12 cells but the header has 11/],
    ['an unterminated quote', `${HEADER}\n2024-01-02,deposit,,,,100,,,,"oops,`, /bad\.csv:2: not valid CSV/],
    ['good rows followed by one bad row', `${HEADER}\n2024-01-02,deposit,,,,100,,,,,\n2024-01-03,deposit,,,,-1,,,,,`, /bad\.csv:3: amount: must be greater than 0/],
  ];
  it.each(bad)('refuses %s with exit 1 and leaves the ledger unchanged', async (_name, text, message) => {
    const h = home();
    expect((await h.run(['import', SAMPLE])).code).toBe(0);
    const f = h.file('bad.csv', text);
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(await h.txs()).toHaveLength(12);
  });

  it('prints every error of a file, not just the first', async () => {
    const h = home();
    const f = h.file('bad.csv', `${HEADER}\n2024-02-30,deposit,,,,1,,,,,\n2024-01-01,buy,AAPL,0,1,,,,,,\n2024-01-01,split,AAPL,,,,,,,,x\n`);
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/3 errors; nothing was imported/);
    expect(r.stderr.split('\n').filter((l) => /bad\.csv:\d+: \w+: /.test(l))).toHaveLength(3);
  });

  it('refuses a missing file with exit 1', async () => {
    const h = home();
    const r = await h.run(['import', join(h.dir, 'nope.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*nope\.csv: no such file/);
  });
});

describe('add, transactions, remove', () => {
  it('records transactions, lists them and refuses bad ones', async () => {
    const h = home();
    expect((await h.run(['add', 'deposit', '--amount', '1000'])).stdout).toMatch(/^added #1 2024-06-05 deposit 1,000.00 USD \[default\]/);
    const b = await h.run(['add', 'buy', 'aapl', '5', '--price', '100', '--fee', '1', '--date', '2024-06-01']);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('added #2 2024-06-01 buy 5 AAPL @ 100.00 USD fee 1.00');

    const over = await h.run(['add', 'sell', 'AAPL', '6', '--price', '100']);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/cannot add: sells 6 AAPL on 2024-06-05 but only 5 are held/);

    const invalid = await h.run(['add', 'buy', 'AAPL', '1,5', '--date', '2024-02-30']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/--date: "2024-02-30" is not a valid date/);
    expect(invalid.stderr).toMatch(/QUANTITY: "1,5" is not a plain decimal number/);
    expect(invalid.stderr).toMatch(/--price: required for a buy/);

    const misplaced = await h.run(['add', 'deposit', '500']);
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toMatch(/give the amount as --amount 500/);

    expect((await h.run(['add', 'split', 'AAPL', '--ratio', '2:1', '--date', '2024-06-02'])).code).toBe(0);
    expect((await h.run(['add', 'sell', 'AAPL', '10', '--price', '60', '--date', '2024-06-03'])).code).toBe(0);

    const list = await h.run(['transactions', '--symbol', 'aapl']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/split/);
    expect(list.stdout).not.toMatch(/deposit/);
    expect(await h.txs()).toHaveLength(4);

    // Removing the split would leave the sell of 10 with only 5 held.
    const rmSplit = await h.run(['remove', '3']);
    expect(rmSplit.code).toBe(1);
    expect(rmSplit.stderr).toMatch(/cannot remove #3/);
    expect((await h.run(['remove', '99'])).code).toBe(1);
    expect((await h.run(['remove', 'abc'])).code).toBe(1);
    expect(await h.txs()).toHaveLength(4);
    const rm = await h.run(['remove', '1']);
    expect(rm.code).toBe(0);
    expect(rm.stdout).toMatch(/removed #1 2024-06-05 deposit/);
    expect((await h.txs()).map((t) => t.id)).toEqual([2, 3, 4]);
  });

  it('every ledger command has help with an example', async () => {
    for (const cmd of [['add'], ['import'], ['export'], ['transactions'], ['remove'], ['holdings'], ['prices'], ['prices', 'import'], ['prices', 'set']]) {
      const r = await runMain([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples?:\n/);
      expect(r.stdout, cmd.join(' ')).toMatch(/\n\s+\$ portfolio \w/);
    }
  });
});

describe('export', () => {
  it('round-trips through CSV into a fresh database', async () => {
    const a = home();
    expect((await a.run(['import', SAMPLE])).code).toBe(0);
    // Awkward values: formula-like text, quotes, commas, newlines, tiny and odd numbers.
    expect((await a.run(['add', 'fee', '--amount', '0.0000001', '--note', '=HYPERLINK("http://x","y")', '--account', '@ops'])).code).toBe(0);
    expect((await a.run(['add', 'deposit', '--amount', '0.1', '--note', "'quoted, with comma\nand newline", '--account', '-minus'])).code).toBe(0);
    expect((await a.run(['add', 'interest', '--amount', '123456789.123', '--note', '+1 bonus', '--account', '-minus'])).code).toBe(0);
    const csv = await a.run(['export']);
    expect(csv.code).toBe(0);
    const b = home();
    const f = b.file('export.csv', csv.stdout);
    const r = await b.run(['import', f]);
    expect(r.stderr).toBe('');
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(await b.txs())).toEqual(strip(await a.txs()));
  });

  it('makes formula-like cells safe for spreadsheets', async () => {
    const h = home();
    await h.run(['add', 'deposit', '--amount', '5', '--note', '=1+2', '--account', '+acct']);
    await h.run(['add', 'deposit', '--amount', '5', '--note', '@SUM(A1)', '--account', '-x']);
    const csv = (await h.run(['export'])).stdout;
    const cells = csv.split(/\r?\n/).slice(1).filter(Boolean).flatMap((l) => l.split(','));
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
    expect(csv).toContain("'=1+2");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'+acct");
  });

  it('writes JSON and to a file', async () => {
    const h = home();
    await h.run(['import', SAMPLE]);
    const json = await h.run(['export', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toHaveLength(12);
    expect(JSON.parse((await h.run(['export', '--json'])).stdout)).toEqual(JSON.parse(json.stdout));
    expect(JSON.parse((await h.run(['prices', 'set', 'aapl', '190', '--json'])).stdout)).toEqual({ symbol: 'AAPL', date: '2024-06-05', close: 190 });
    const out = join(h.dir, 'out.csv');
    const r = await h.run(['export', '--output', out]);
    expect(r.code).toBe(0);
    const again = home();
    expect((await again.run(['import', out])).stdout).toMatch(/imported 12 /);
    expect((await h.run(['export', '--format', 'xml'])).code).toBe(2);
    const nowhere = await h.run(['export', '--output', join(h.dir, 'missing', 'dir', 'out.csv')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/cannot write .*out\.csv/);
    expect(JSON.parse((await h.run(['remove', '12', '--json'])).stdout)).toMatchObject({ id: 12, type: 'withdrawal', amount: 2000 });
  });
});

describe('prices and holdings', () => {
  it('shows holdings from manual closes with FX, and the contract JSON', async () => {
    const h = home();
    await h.run(['import', SAMPLE]);
    const closes = h.file(
      'closes.csv',
      'symbol,date,close\nAAPL,2024-06-03,194.03\naapl,2024-06-04,194.35\nNVDA,2024-06-04,1164.37\nSAP.DE,2024-06-04,169.50\nVOD.L,2024-06-04,0.7420\nEURUSD=X,2021-08-31,1.1810\nEURUSD=X,2024-06-04,1.0880\n',
    );
    expect((await h.run(['prices', 'import', closes])).stdout).toMatch(/recorded 7 manual closes for 5 symbols/);
    expect((await h.run(['prices', 'set', 'NVDA', '1224.40', '--date', '2024-06-05'])).code).toBe(0);

    const table = await h.run(['holdings']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/AAPL\s+│\s+40\s+│\s+194\.35 USD/);
    expect(table.stdout).toMatch(/Total/);
    expect(table.stderr).toMatch(/warning: no FX rate for GBP->USD \(GBPUSD=X\)/);

    const r = await h.run(['holdings', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.baseCurrency).toBe('USD');
    const sap = j.holdings.find((x: { symbol: string }) => x.symbol === 'SAP.DE');
    expect(sap.costBasis).toBeCloseTo((15 * 123.4 + 2.5) * 1.181, 6);
    expect(sap.marketValue).toBeCloseTo(15 * 169.5 * 1.088, 6);
    const nvda = j.holdings.find((x: { symbol: string }) => x.symbol === 'NVDA');
    expect(nvda).toMatchObject({ quantity: 30, price: 1224.4, averageCost: 130.15 });
    expect(j.totals.realizedGain).toBeCloseTo(3976 - 1301.5, 6);
    expect(j.totals.cash).toBeCloseTo(16766.21, 6);
    expect(j.warnings.join('\n')).toMatch(/GBPUSD=X/);

    const fifo = JSON.parse((await h.run(['holdings', '--json', '--cost-method', 'fifo'])).stdout);
    expect(fifo.costMethod).toBe('fifo');
    expect((await h.run(['holdings', '--cost-method', 'lifo'])).code).toBe(2);
  });

  it('refuses a bad price file as a whole', async () => {
    const h = home();
    const f = h.file('p.csv', 'symbol,date,close\nAAPL,2024-06-03,194\nAAPL,2024-02-30,1\nMSFT,2024-06-03,-1\nAAPL,2024-06-03,195\n');
    const r = await h.run(['prices', 'import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/p\.csv:3: date: "2024-02-30" is not a valid date/);
    expect(r.stderr).toMatch(/p\.csv:4: close: must be greater than 0/);
    expect(r.stderr).toMatch(/p\.csv:5: date: AAPL on 2024-06-03 already given on line 2/);
    await h.run(['add', 'buy', 'AAPL', '1', '--price', '1']);
    const j = JSON.parse((await h.run(['holdings', '--json'])).stdout);
    expect(j.holdings[0].price).toBeNull();
    expect((await h.run(['prices', 'set', 'AAPL', '0'])).code).toBe(1);
  });

  it('takes the base currency and cost method from config.json', async () => {
    const h = home();
    h.file('config.json', JSON.stringify({ baseCurrency: 'EUR', costMethod: 'fifo' }));
    const f = h.file('t.csv', `${HEADER}\n2024-01-02,buy,SAP.DE,10,10,,,,,,\n2024-01-03,buy,SAP.DE,10,20,,,,,,\n2024-01-04,sell,SAP.DE,15,30,,,,,,\n`);
    expect((await h.run(['import', f])).code).toBe(0);
    expect((await h.run(['prices', 'set', 'SAP.DE', '30'])).code).toBe(0);
    const j = JSON.parse((await h.run(['holdings', '--json'])).stdout);
    expect(j).toMatchObject({ baseCurrency: 'EUR', costMethod: 'fifo', warnings: [] });
    expect(j.holdings[0]).toMatchObject({ currency: 'EUR', quantity: 5, costBasis: 100, realizedGain: 250, marketValue: 150 });
    const avg = JSON.parse((await h.run(['holdings', '--json', '--cost-method', 'avg'])).stdout);
    expect(avg.holdings[0]).toMatchObject({ costBasis: 75, realizedGain: 225 });
  });

  it('never touches the network', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const h = home();
      await h.run(['import', SAMPLE]);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const args of [['holdings'], ['holdings', '--json'], ['transactions'], ['export']]) {
        const r = await runMain(args, { env: { PORTFOLIO_HOME: h.dir, PORTFOLIO_YAHOO_URL: url } });
        expect(r.code, args.join(' ')).toBe(0);
      }
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('says so when there is nothing to show', async () => {
    const h = home();
    const r = await h.run(['holdings']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no holdings yet/);
  });
});
