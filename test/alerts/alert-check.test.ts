import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlerts } from '../../src/alerts/alert-check.js';
import { addAlert, getAlert } from '../../src/store/alerts.js';
import { openDb } from '../../src/store/db.js';
import { listNotifications } from '../../src/store/notifications.js';
import { tempDir } from '../helpers/tmp.js';

describe('alert checks when quotes land', () => {
  it('fires once, raises one notification, re-arms when the price crosses back, fires again', () => {
    const db = openDb(join(tempDir(), 'p.db'));
    const above = addAlert(db, { symbol: 'AAPL', kind: 'above', threshold: 200 });
    const move = addAlert(db, { symbol: 'MSFT', kind: 'move', threshold: 3 });
    const q = (price: number, symbol = 'AAPL') => [{ symbol, price, previousClose: 195, currency: 'USD' }];

    expect(checkAlerts(db, q(199)).fired).toHaveLength(0);
    expect(checkAlerts(db, q(201)).fired).toHaveLength(1);
    expect(getAlert(db, above.id)).toMatchObject({ armed: false });
    expect(checkAlerts(db, q(205)).fired).toHaveLength(0);
    expect(checkAlerts(db, q(198)).rearmed).toEqual([above.id]);
    expect(getAlert(db, above.id)).toMatchObject({ armed: true });
    expect(checkAlerts(db, q(202)).fired).toHaveLength(1);

    expect(checkAlerts(db, [{ symbol: 'MSFT', price: 94, previousClose: 100 }]).fired[0]?.message).toContain('-6.00%');
    const notes = listNotifications(db, { all: true });
    expect(notes.map((n) => [n.kind, n.symbol])).toEqual([
      ['alert', 'MSFT'],
      ['alert', 'AAPL'],
      ['alert', 'AAPL'],
    ]);
    expect(getAlert(db, move.id)?.lastFiredAt).not.toBeNull();
  });

  it('two processes checking the same crossing fire it once', () => {
    const path = join(tempDir(), 'p.db');
    const a = openDb(path);
    const b = openDb(path);
    addAlert(a, { symbol: 'AAPL', kind: 'below', threshold: 100 });
    const landed = [{ symbol: 'AAPL', price: 90, previousClose: 101 }];
    expect(checkAlerts(a, landed).fired.length + checkAlerts(b, landed).fired.length).toBe(1);
    expect(listNotifications(a)).toHaveLength(1);
    a.close();
    b.close();
  });
});
