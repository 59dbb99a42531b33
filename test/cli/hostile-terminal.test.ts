import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/base/sanitize.js';
import { openDb } from '../../src/store/db.js';
import { upsertQuotes } from '../../src/store/quote-cache.js';
import { renderPlainFrame } from '../../src/ui/plain-frame.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { addTxs, tx } from '../returns/helpers.js';
import { holding, report } from '../ui/report-fixture.js';

const NOW = '2024-06-05T15:00:00Z';
// Clear screen, retitle the terminal (OSC), a one-byte CSI, a bidi override, a bell.
const HOSTILE = 'ok\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202Eevil\u0007';
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

function home() {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  addTxs(db, [tx({ date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 1, price: 10, note: HOSTILE, account: `acct${HOSTILE}` })]);
  upsertQuotes(db, [
    { symbol: 'AAPL', price: 12, previousClose: 11, currency: `US\u001b[2J`, name: HOSTILE, marketTime: NOW, marketState: 'REGULAR', exchangeTimezone: null, fetchedAt: NOW, source: 'yahoo' },
  ] as never);
  db.close();
  return { PORTFOLIO_HOME: dir, NO_COLOR: '1' };
}

describe('text from files, providers and the database reaches a terminal clean', () => {
  it('the sanitizer drops controls, keeps the text', () => {
    expect(sanitize(HOSTILE)).toBe('ok[2J]0;pwned31mevil');
    expect(sanitize('Société Générale 株式')).toBe('Société Générale 株式');
    expect(sanitize('a\tb\nc')).toBe('a b c');
  });

  it('transactions and holdings tables carry no raw control character; JSON keeps the text intact', async () => {
    const env = home();
    for (const args of [['transactions'], ['holdings'], ['export', '--format', 'ledger']]) {
      const r = await runMain(args, { env, now: NOW });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stderr).not.toMatch(RAW);
    }
    const j = await runMain(['transactions', '--json'], { env, now: NOW });
    expect((JSON.parse(j.stdout) as { note: string }[])[0]?.note).toBe(HOSTILE);
    const csv = await runMain(['export'], { env, now: NOW });
    expect(csv.stdout).toContain(HOSTILE);
  });

  it('error messages quoting hostile input are clean', async () => {
    const env = home();
    const r = await runMain(['add', 'buy', `X\u001b[2J`, '1', '--price', '1', '--date', '2024-01-03'], { env, now: NOW });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW);
  });

  it('the dashboard frame is clean', () => {
    const lines = renderPlainFrame(
      { report: report([holding('AAPL', { name: HOSTILE, currency: 'US\u001b[2J' })]), sort: 'value', selected: 'AAPL', columns: 140, rows: 20, elapsedSeconds: 0, status: HOSTILE, unread: 0, showCharts: false },
      false,
    );
    for (const l of lines) expect(l).not.toMatch(RAW);
    expect(lines.join('\n')).toContain('evil');
  });
});
