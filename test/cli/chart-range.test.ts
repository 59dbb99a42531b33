import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { addDays } from '../../src/core/dates.js';
import { openDb } from '../../src/store/db.js';
import { rangeStart } from '../../src/ui/chart-data.js';
import { tempDir } from '../helpers/tmp.js';
import { addCloses, addTxs, tx } from '../returns/helpers.js';

/** A symbol with a close on every calendar day of 2023-2025. */
function home(): string {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  addTxs(db, [tx({ date: '2023-01-03', type: 'buy', symbol: 'AAA', quantity: 1, price: 10 })]);
  const closes: [string, string, number][] = [];
  for (let d = '2023-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) closes.push(['AAA', d, 10]);
  addCloses(db, closes);
  db.close();
  return dir;
}

async function cliFrom(dir: string, range: string, now: string): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await main(['node', 'portfolio', 'chart', 'AAA', '--range', range, '--json'], {
    env: { PORTFOLIO_HOME: dir, PORTFOLIO_NOW: now },
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  });
  expect(code).toBe(0);
  return (JSON.parse(out) as { from: string }).from;
}

// `portfolio chart --range R` and the dashboard's range key R start on the same day: the start
// value's day (a YTD chart starts from the close of Dec 31, contract).
describe('chart ranges agree between the CLI and the dashboard', () => {
  it.each([
    ['YTD', '2025-06-15T15:00:00Z', '2024-12-31'],
    ['1M', '2025-03-31T15:00:00Z', '2025-02-28'],
    ['1M', '2024-03-31T15:00:00Z', '2024-02-29'],
    ['3M', '2025-05-31T15:00:00Z', '2025-02-28'],
    ['1Y', '2024-02-29T15:00:00Z', '2023-02-28'],
  ])('%s at %s starts on %s', async (range, now, want) => {
    expect(await cliFrom(home(), range, now)).toBe(want);
    expect(rangeStart(range as 'YTD', new Date(now))).toBe(want);
  });
});
