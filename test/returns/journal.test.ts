import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commodity, num, writeJournal } from '../../src/ledger/journal.js';
import { addCloses, addTxs, tempDb, tx } from './helpers.js';

const hasHledger = spawnSync('sh', ['-c', 'command -v hledger'], { encoding: 'utf8' }).status === 0;

async function journalOf(db: ReturnType<typeof tempDb>['db']): Promise<string> {
  const parts: string[] = [];
  await writeJournal(db, (s) => void parts.push(s), 'USD');
  return parts.join('');
}

function sample() {
  const t = tempDb();
  addTxs(t.db, [
    tx({ date: '2024-01-02', type: 'deposit', amount: 5000, account: 'my broker' }),
    tx({ date: '2024-01-03', type: 'buy', symbol: 'VOD.L', quantity: 100, price: 0.7, fee: 2, currency: 'GBP', account: 'my broker' }),
    tx({ date: '2024-01-04', type: 'split', symbol: 'VOD.L', ratio: '3:2', account: 'my broker' }),
    tx({ date: '2024-01-05', type: 'dividend', symbol: 'VOD.L', amount: 4.5, currency: 'GBP', account: 'my broker' }),
    tx({ date: '2024-01-03', type: 'buy', symbol: 'AAPL', quantity: 2, price: 185.25, account: 'ira' }),
    tx({ date: '2024-01-05', type: 'fee', amount: 1.5, account: 'ira' }),
  ]);
  addCloses(t.db, [
    ['VOD.L', '2024-01-03', 0.7],
    ['AAPL', '2024-01-03', 185.5],
    ['GBPUSD=X', '2024-01-03', 1.27],
    ['NOTHELD', '2024-01-03', 9],
  ]);
  return t;
}

describe('journal writer', () => {
  it('formats plain decimals and quotes commodities that need it', () => {
    expect(num(0.1 + 0.2)).toBe('0.3');
    expect(num(-1e-12)).toBe('0');
    expect(num(1234567.5)).toBe('1234567.5');
    expect(commodity('AAPL')).toBe('AAPL');
    expect(commodity('VOD.L')).toBe('"VOD.L"');
    expect(commodity('BRK-B')).toBe('"BRK-B"');
  });

  it('writes prices, both cash rules, a split as a zero-cost swap, and FX prices', async () => {
    const { db } = sample();
    const j = await journalOf(db);
    expect(j).toContain('P 2024-01-03 "VOD.L" 0.7 GBP\n');
    expect(j).toContain('P 2024-01-03 GBP 1.27 USD\n');
    expect(j).not.toContain('NOTHELD');
    expect(j).toContain('    assets:portfolio:my-broker:VOD.L  100 "VOD.L" @ 0.7 GBP\n    expenses:fees  2 GBP\n    assets:portfolio:my-broker:cash\n');
    expect(j).toContain('    assets:portfolio:my-broker:VOD.L  -100 "VOD.L" @@ 0 USD\n    assets:portfolio:my-broker:VOD.L  150 "VOD.L" @@ 0 USD\n');
    // The account without cash buys from outside and has its fee paid in from outside.
    expect(j).toContain('    assets:portfolio:ira:AAPL  2 AAPL @ 185.25 USD\n    equity:transfers\n');
    expect(j).toMatch(/fee {2}paid in \(account without cash\)[^\n]*\n {4}equity:transfers {2}-1.5 USD\n/);
  });

  it.skipIf(!hasHledger)('is a journal hledger reads, with the balances the ledger implies', async () => {
    const { db, dir } = sample();
    const file = join(dir, 'p.journal');
    writeFileSync(file, await journalOf(db));
    const out = execFileSync('hledger', ['-f', file, 'bal', 'assets', '--flat', '-N'], { encoding: 'utf8' });
    expect(out).toMatch(/150 "VOD\.L"\s+assets:portfolio:my-broker:VOD\.L/);
    // 5000 USD deposited; 72 GBP spent (70 + 2 fee), 4.5 GBP dividend received.
    expect(out).toMatch(/-67\.5 GBP/);
    expect(out).toMatch(/5000(\.00)? USD\s+assets:portfolio:my-broker:cash/);
    expect(out).toMatch(/2 AAPL\s+assets:portfolio:ira:AAPL/);
  });
});
