/**
 * A daemon started on a fresh database on a Saturday (every market shut) fills the cache on its
 * first quotes tick and fires the alerts that price crosses: a closed market still has a last price.
 * In-process (runDaemon with a pinned clock), against the loopback fake Yahoo.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { clockStartingAt, createDeps } from '../../src/deps.js';
import { runDaemon } from '../../src/jobs/daemon.js';
import { openDb } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { waitUntil } from '../helpers/wait.js';

const SATURDAY = '2026-11-28T15:00:00Z';
let fake: FakeYahoo | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const buy = (symbol: string, quantity: number, currency = 'USD') =>
  ({ date: '2026-01-05', type: 'buy', symbol, quantity, price: 10, amount: null, fee: 0, currency, account: 'default', note: null, ratio: null }) as const;

describe('daemon on a Saturday, fresh database', () => {
  it('prices every holding and fires its alert within the first quotes tick', async () => {
    fake = await startFakeYahoo({ now: () => new Date(SATURDAY) });
    const dir = tempDir();
    const db = openDb(join(dir, 'portfolio.db'));
    insertTransactions(db, [buy('AAA', 10), buy('BBB', 5), buy('SAP.DE', 2, 'EUR')]);
    db.close();
    const env = { PORTFOLIO_HOME: dir, PORTFOLIO_YAHOO_URL: fake.url, PORTFOLIO_NOW: SATURDAY };
    const added = await runMain(['alert', 'add', 'AAA', 'above', '1'], { env });
    expect(added.code).toBe(0);

    let log = '';
    const stderr = new Writable({ write: (c: Buffer, _e, cb) => ((log += c.toString()), cb()) }) as unknown as NodeJS.WriteStream;
    // The calendar is pinned to the Saturday; cron's one-second ticks run on real timers.
    const deps = createDeps({ env, clock: clockStartingAt(SATURDAY), stderr });
    const stop = new AbortController();
    const done = runDaemon(deps, { quotesCron: '*/1 * * * * *', signals: false, stop: stop.signal, logJson: true });
    const check = openDb(join(dir, 'portfolio.db'));
    try {
      await waitUntil('the first quotes tick', () => /"msg":"quotes ok"/.test(log), 20_000);
      const firstTick = log;
      const quoted = (check.prepare('SELECT symbol FROM quotes ORDER BY symbol').all() as { symbol: string }[]).map((r) => r.symbol);
      expect(quoted).toEqual(['AAA', 'BBB', 'EURUSD=X', 'SAP.DE']);
      expect(firstTick).not.toContain('no market open');
      expect(firstTick).toContain('4 fetched, 0 cached, 0 failed');
      const alert = check.prepare("SELECT last_fired_at AS fired, armed FROM alerts WHERE symbol = 'AAA'").get() as { fired: string | null; armed: number };
      expect(alert.fired).not.toBeNull();
      expect(alert.armed).toBe(0);
      const notes = check.prepare("SELECT message FROM notifications WHERE kind = 'alert'").all() as { message: string }[];
      expect(notes).toHaveLength(1);
      expect(notes[0]?.message).toContain('AAA');
      // Quotes taken after Friday's close stay good all weekend: the next ticks ask for nothing.
      const asked = fake.count('quote');
      // One skipped run row whose end moves on each skipped tick: wait for two ticks a second apart.
      const skipped = () =>
        check.prepare("SELECT started_at AS s, ended_at AS e FROM job_runs WHERE job = 'quotes' AND outcome = 'skipped' AND message = 'every quote is fresh'").get() as
          | { s: string; e: string }
          | undefined;
      await waitUntil('two skipped quotes ticks', () => {
        const r = skipped();
        return r !== undefined && Date.parse(r.e) - Date.parse(r.s) >= 900;
      }, 10_000);
      expect(fake.count('quote')).toBe(asked);
    } finally {
      stop.abort();
      expect(await done).toBe(0);
      check.close();
      deps.close();
    }
  });
});
