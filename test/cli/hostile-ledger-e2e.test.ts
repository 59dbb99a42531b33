/**
 * Issue 18's "done when", end to end and in-process: one hostile ledger (control characters in
 * notes and accounts, a close of 1e16, a future-dated row, more rows than a listing's first page)
 * is imported, listed, charted, exported and shown in the dashboard's one-frame form without a
 * hang, a crash, a lost file or a raw escape sequence. The 200,000-row size lives in
 * bench/listings.js and in the renderer's own test (test/base/text-table.test.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = '2024-06-05T15:00:00Z';
const HOSTILE = 'ok\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202Eevil';
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

function hostileCsv(rows: number): string {
  const lines = ['date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio'];
  for (let i = 0; i < rows; i++) {
    const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${d},buy,S${i % 20},1,10,,,USD,${i % 50 === 0 ? `"acct ${HOSTILE}"` : 'main'},"${i % 7 === 0 ? HOSTILE : `n${i}`}",`);
  }
  lines.push('2099-01-02,buy,S1,5,10,,,USD,main,far future,');
  return `${lines.join('\n')}\n`;
}

describe('a hostile ledger end to end', () => {
  it('imports, lists, charts, exports and shows it: no hang, no crash, no lost file, nothing raw', async () => {
    const dir = tempDir();
    const env = { PORTFOLIO_HOME: dir, NO_COLOR: '1', PORTFOLIO_PROVIDER: 'sim' };
    const run = (args: string[]) => runMain(args, { env, now: NOW });
    const file = join(dir, 'hostile.csv');
    writeFileSync(file, hostileCsv(300));

    expect((await run(['import', file, '--force'])).code).toBe(1); // the 2099 row needs --future
    const imported = await run(['import', file, '--force', '--future']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported 301 transactions/);
    expect((await run(['prices', 'set', 'S1', '10000000000000000', '--date', '2024-06-04'])).code).toBe(0);

    const outputs: [string, Awaited<ReturnType<typeof run>>][] = [];
    for (const args of [['transactions'], ['holdings'], ['chart', 'S1', '--range', '1M'], ['performance', '--period', 'YTD'], ['export', '--format', 'ledger'], ['dashboard', '--offline']]) {
      outputs.push([args.join(' '), await run(args)]);
    }
    for (const [name, r] of outputs) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout, name).not.toMatch(RAW);
      expect(r.stderr, name).not.toMatch(RAW);
    }
    const listing = (outputs[0] as [string, { stdout: string }])[1].stdout.trimEnd().split('\n');
    expect(listing).toHaveLength(301 + 4);
    expect(listing.at(-2)).toMatch(/│ 2099-01-02 │ buy .*│ far future +│$/);
    const holdings = JSON.parse((await run(['holdings', '--json'])).stdout) as { holdings: { symbol: string; quantity: number }[] };
    expect(holdings.holdings.find((h) => h.symbol === 'S1')?.quantity).toBe(15); // 300 rows over 20 symbols; the 2099 shares do not count yet
    expect((outputs[2] as [string, { stdout: string }])[1].stdout).toMatch(/1\.00e\+16/);

    // Exports: an existing file is replaced whole, JSON keeps the hostile text intact.
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    expect((await run(['export', '--format', 'json', '--output', target])).code).toBe(0);
    const exported = JSON.parse(readFileSync(target, 'utf8')) as { note: string | null }[];
    expect(exported).toHaveLength(301);
    expect(exported[0]?.note).toBe(HOSTILE);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 20_000);
});
