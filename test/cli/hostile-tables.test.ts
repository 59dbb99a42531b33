import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewTransaction } from '../../src/core/types.js';
import { openDb } from '../../src/store/db.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { addTxs, tx } from '../returns/helpers.js';

const NOW = '2024-06-05T15:00:00Z';

function home(txs: NewTransaction[]) {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  addTxs(db, txs);
  db.close();
  return { PORTFOLIO_HOME: dir, NO_COLOR: '1' };
}

function day(i: number): string {
  return new Date(Date.UTC(2000, 0, 1) + (i % 8000) * 86_400_000).toISOString().slice(0, 10);
}

describe('listings that scale', () => {
  // 200,000 rows through the renderer without SQLite: test/base/text-table.test.ts. Here the
  // command end to end on a ledger longer than the first page it measures.
  it('lists a ledger past its first page from a cursor, one line each, a late long note printed whole', async () => {
    const n = 2_000;
    const env = home([tx({ date: day(0), type: 'buy', symbol: 'S0', quantity: 1, price: 10, note: 'n0' })]);
    const db = openDb(join(env.PORTFOLIO_HOME, 'portfolio.db'));
    db.prepare(`WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < ?)
      INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, note)
      SELECT date('2000-01-01', '+' || k || ' days'), 'buy', 'S' || (k % 300), CASE WHEN k = ? THEN 123456789.125 ELSE 1 END, 10, NULL, 0, 'USD',
        (SELECT account_id FROM transactions LIMIT 1), CASE WHEN k = ? THEN 'a very long note from the last row, longer than forty characters' ELSE 'n' || k END FROM i`).run(n - 1, n - 1, n - 1);
    db.close();
    const r = await runMain(['transactions'], { env, now: NOW });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(n + 4);
    expect(lines[1]).toMatch(/^│ +id │ date +│ type/);
    const last = lines.at(-2) as string;
    // The quantity was wider than the first page measured and the note than the cap: both whole.
    expect(last).toContain('│ 123,456,789.125 │');
    expect(last).toContain('│ a very long note from the last row, longer than forty characters │');
    // Rows that fit keep the header's column boundaries.
    expect(lines[3]?.length).toBe(lines[0]?.length);
    expect(lines.at(-3)?.length).toBe(lines[0]?.length);
  });

  it('lists 5,000 holdings with every row and the total', async () => {
    const txs = Array.from({ length: 5000 }, (_, i) => tx({ date: '2024-01-02', type: 'buy', symbol: `H${i}`, quantity: 2, price: 5 }));
    const env = home(txs);
    const r = await runMain(['holdings'], { env, now: NOW });
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^│ H\d+ /.test(l));
    expect(rows).toHaveLength(5000);
    expect(r.stdout).toMatch(/│ Total +│/);
  }, 30_000);

  it('groups thousands of warnings into a few lines', async () => {
    const txs = Array.from({ length: 2000 }, (_, i) => tx({ date: '2024-01-02', type: 'buy', symbol: `U${i}`, quantity: 1, price: 5 }));
    const env = home(txs);
    const r = await runMain(['performance', '--from', '2024-01-01', '--to', '2024-01-05'], { env, now: NOW });
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines.at(-1)).toMatch(/and 1,995 more warnings/);
  }, 30_000);

  it('says which filter matched nothing', async () => {
    const env = home([tx({ date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 1, price: 5 })]);
    const r = await runMain(['transactions', '--symbol', 'nope'], { env, now: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no transactions for symbol NOPE/);
  });
});
