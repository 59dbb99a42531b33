import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlerts } from '../../src/alerts/alert-check.js';
import { openDb } from '../../src/store/db.js';
import { addNotification } from '../../src/store/notifications.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';

describe('portfolio alert and notifications (built binary)', () => {
  it('adds, lists and removes alerts; rejects bad input with the contract exit codes', async () => {
    const env = { PORTFOLIO_HOME: tempDir() };
    expect((await runMain(['alert', 'add', 'aapl', 'above', '200'], { env })).stdout).toContain('alert 1 added: AAPL above 200');
    const move = await runMain(['alert', 'add', 'VOD.L', 'move', '5%', '--json'], { env });
    expect(JSON.parse(move.stdout)).toMatchObject({ id: 2, symbol: 'VOD.L', kind: 'move', threshold: 5, armed: true });
    await runMain(['alert', 'add', 'MSFT', 'below', '300.5'], { env });

    const list = JSON.parse((await runMain(['alert', 'list', '--json'], { env })).stdout) as { alerts: { id: number; symbol: string }[] };
    expect(list.alerts.map((a) => a.symbol)).toEqual(['AAPL', 'MSFT', 'VOD.L']);
    expect((await runMain(['alert', 'list'], { env })).stdout).toMatch(/VOD\.L\s+day move beyond ±5%\s+armed/);

    expect((await runMain(['alert', 'rm', '1'], { env })).code).toBe(0);
    const gone = await runMain(['alert', 'rm', '1'], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no alert with id 1');

    for (const [args, code] of [
      [['alert', 'add', 'AAPL', 'sideways', '1'], 2],
      [['alert', 'add', 'AAPL', 'above', '-3'], 1],
      [['alert', 'add', 'AAPL', 'above', 'abc'], 1],
      [['alert', 'add', 'AAPL', 'above'], 2],
      [['alert', 'add', 'A;B', 'above', '1'], 1],
    ] as const) {
      const r = await runMain(args, { env });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(/portfolio|error/);
    }
    const after = JSON.parse((await runMain(['alert', 'list', '--json'], { env })).stdout) as { alerts: unknown[] };
    expect(after.alerts).toHaveLength(2);
  });

  it('notifications shows unread ones once, marks them read, --all shows them again', async () => {
    const dir = tempDir();
    const env = { PORTFOLIO_HOME: dir };
    await runMain(['alert', 'add', 'AAPL', 'above', '200'], { env });
    const db = openDb(join(dir, 'portfolio.db'));
    checkAlerts(db, [{ symbol: 'AAPL', price: 210, previousClose: 200, currency: 'USD' }]);
    addNotification(db, { kind: 'provider-down', message: 'yahoo is failing; showing cached prices' });
    db.close();

    const first = await runMain(['notifications'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('AAPL is at 210 USD, at or above your alert at 200');
    expect(first.stdout).toContain('provider-down');
    expect((await runMain(['notifications'], { env })).stdout).toContain('No unread notifications');
    const all = JSON.parse((await runMain(['notifications', '--all', '--json'], { env })).stdout) as { notifications: { kind: string; read: boolean }[] };
    expect(all.notifications.map((n) => [n.kind, n.read])).toEqual([
      ['provider-down', true],
      ['alert', true],
    ]);
    const fired = JSON.parse((await runMain(['alert', 'list', '--json'], { env })).stdout) as { alerts: { armed: boolean; lastFiredAt: string | null }[] };
    expect(fired.alerts[0]).toMatchObject({ armed: false });
    expect(fired.alerts[0]?.lastFiredAt).not.toBeNull();
  });
});
