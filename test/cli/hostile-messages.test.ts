import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2024-06-05T15:00:00Z';
const HEADER = 'date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio';

function home(config?: string | Buffer) {
  const dir = tempDir();
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), config);
  const env = { PORTFOLIO_HOME: dir, NO_COLOR: '1' };
  const file = (name: string, body: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  };
  return { dir, env, file, run: (args: string[], extra: NodeJS.ProcessEnv = {}) => runMain(args, { env: { ...env, ...extra }, now: NOW }) };
}

describe('messages in our words, inputs echoed short', () => {
  it('a 10 MB header cell comes back as a short prefix', async () => {
    const h = home();
    const f = h.file('big.csv', `${'x'.repeat(10_000_000)}\n1\n`);
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stderr).toMatch(/big\.csv:1: not valid CSV/);
    const g = h.file('wide.csv', `${'y'.repeat(200_000)}\n1\n`);
    const w = await h.run(['import', g]);
    expect(w.stderr.length).toBeLessThan(2000);
    expect(w.stderr).toMatch(/y{20}… \(200,000 characters\): unknown column/);
  });

  it('a long bad cell is echoed as a prefix', async () => {
    const h = home();
    const f = h.file('cell.csv', `${HEADER}\n2024-01-02,buy,${'Z'.repeat(100_000)},1,1,,,,,,\n`);
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it('9999-12-31 is out of range, not "not a valid date"', async () => {
    const h = home();
    const r = await h.run(['add', 'deposit', '--amount', '5', '--date', '9999-12-31']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"9999-12-31" is out of range/);
    const bad = await h.run(['add', 'deposit', '--amount', '5', '--date', '2024-02-30']);
    expect(bad.stderr).toMatch(/"2024-02-30" is not a valid date/);
  });

  it('config errors name the key in our words', async () => {
    const h = home(JSON.stringify({ bogus: 1, costMethod: 3, yahoo: { retries: 'x' } }));
    const r = await h.run(['holdings']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Expected never|received/);
    expect(r.stderr).toMatch(/bogus: unknown key/);
    expect(r.stderr).toMatch(/costMethod: expected "avg" or "fifo", got 3/);
    expect(r.stderr).toMatch(/yahoo\.retries: expected number, got "x"/);
  });

  it('a config with a UTF-8 BOM is accepted', async () => {
    const h = home(`\uFEFF${JSON.stringify({ baseCurrency: 'EUR' })}`);
    const r = await h.run(['holdings', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ baseCurrency: 'EUR' });
  });

  it('a file:// base URL is refused by validation, not reported as a temporary failure', async () => {
    const h = home(JSON.stringify({ yahoo: { baseUrl: 'file:///etc/passwd' } }));
    const r = await h.run(['holdings']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/yahoo\.baseUrl: expected an http:\/\/ or https:\/\/ URL/);
    const env = home();
    const w = await env.run(['warm'], { PORTFOLIO_YAHOO_URL: 'file:///tmp/x' });
    expect(w.code).toBe(1);
    expect(w.stderr).toMatch(/PORTFOLIO_YAHOO_URL must be an http/);
  });

  it('a Latin-1 CSV is refused naming the encoding, never imported as U+FFFD', async () => {
    const h = home();
    const f = h.file('latin1.csv', Buffer.from(`${HEADER}\n2024-01-02,deposit,,,,100,,,,Soci\xe9t\xe9 G\xe9n\xe9rale,\n`, 'latin1'));
    const r = await h.run(['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not UTF-8 .*Latin-1 \/ Windows-1252/);
    const t = await h.run(['transactions', '--json']);
    expect(t.stdout).not.toContain('\uFFFD');
    expect(JSON.parse(t.stdout)).toEqual([]);
  });
});
