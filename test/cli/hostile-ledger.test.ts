import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2024-06-05T15:00:00Z';
const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio';

function home() {
  const dir = tempDir();
  const env = { PORTFOLIO_HOME: dir, NO_COLOR: '1' };
  const run = (args: string[]) => runMain(args, { env, now: NOW });
  const file = (text: string) => {
    const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, text);
    return path;
  };
  return { run, file };
}

describe('per-account positions', () => {
  it('import refuses a sell in an account that never held the symbol', async () => {
    const h = home();
    const f = h.file(`${HEADER}\n2024-01-02,buy,AAPL,10,100,,,,ira,,\n2024-01-03,sell,AAPL,4,110,,,,broker,,\n`);
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:3: quantity: sells 4 AAPL on 2024-01-03 but only 0 are held in account "broker"/);
    expect((await h.run(['transactions', '--json'])).stdout.trim()).toBe('[]');
  });

  it('add refuses a sell in the wrong account and accepts it in the right one', async () => {
    const h = home();
    expect((await h.run(['add', 'buy', 'AAPL', '10', '--price', '100', '--date', '2024-01-02', '--account', 'ira'])).code).toBe(0);
    const wrong = await h.run(['add', 'sell', 'AAPL', '4', '--price', '110', '--date', '2024-01-03', '--account', 'broker']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/held in account "broker"/);
    const right = await h.run(['add', 'sell', 'AAPL', '4', '--price', '110', '--date', '2024-01-03', '--account', 'ira']);
    expect(right.code).toBe(0);
    const j = JSON.parse((await h.run(['holdings', '--json'])).stdout) as { holdings: { quantity: number; accounts: { account: string; quantity: number }[] }[] };
    expect(j.holdings[0]?.accounts).toEqual([{ account: 'ira', quantity: 6 }]);
  });
});

describe('future-dated transactions', () => {
  it('need --future, and count only from their date', async () => {
    const h = home();
    const no = await h.run(['add', 'buy', 'AAPL', '5', '--price', '100', '--date', '2099-01-02']);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/2099-01-02 is after today \(2024-06-05\); give --future/);
    expect((await h.run(['add', 'buy', 'AAPL', '1', '--price', '100', '--date', '2024-06-01'])).code).toBe(0);
    expect((await h.run(['add', 'buy', 'AAPL', '5', '--price', '100', '--date', '2099-01-02', '--future'])).code).toBe(0);
    const j = JSON.parse((await h.run(['holdings', '--json'])).stdout) as { holdings: { symbol: string; quantity: number }[] };
    expect(j.holdings.map((x) => [x.symbol, x.quantity])).toEqual([['AAPL', 1]]);
    // Consistent with holdings: the future shares cannot be sold today.
    const sell = await h.run(['add', 'sell', 'AAPL', '3', '--price', '100', '--date', '2024-06-05']);
    expect(sell.code).toBe(1);
  });

  it('import refuses future rows unless --future', async () => {
    const h = home();
    const f = h.file(`${HEADER}\n2024-01-02,deposit,,,,100,,,,,\n2030-01-02,deposit,,,,100,,,,,\n`);
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:3: date: 2030-01-02 is after today/);
    const ok = await h.run(['import', f, '--future']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/imported 2 /);
  });
});
