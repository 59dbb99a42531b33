import { describe, expect, it } from 'vitest';
import { createSimProvider } from '../../src/market/providers/sim.js';
import { parseConfig } from '../../src/config.js';
import { createMarketServiceWith } from '../../src/market/create.js';
import { openDb } from '../../src/store/db.js';
import { getCloses, getQuotes } from '../../src/store/prices.js';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

describe('sim provider', () => {
  it('is deterministic, converts pence, and moves only while the market is open', async () => {
    let t = Date.parse('2025-03-05T15:00:00Z');
    const sim = createSimProvider({ now: () => new Date(t) });
    const a = await sim.quotes(['AAPL', 'VOD.L', 'BTC-USD', 'EURUSD=X', 'UNKNOWN1']);
    const b = await createSimProvider({ now: () => new Date(t) }).quotes(['AAPL', 'VOD.L', 'BTC-USD', 'EURUSD=X', 'UNKNOWN1']);
    expect(a).toEqual(b);
    expect(a.quotes.map((q) => q.currency)).toEqual(['USD', 'GBP', 'USD', 'USD']);
    expect(a.failures).toEqual([expect.objectContaining({ symbol: 'UNKNOWN1', unknown: true })]);
    for (const q of a.quotes) expect(q.price).toBeGreaterThan(0);
    expect(a.quotes[0]?.marketState).toBe('REGULAR');
    t += 30 * 60_000;
    const later = await sim.quotes(['AAPL']);
    expect(later.quotes[0]?.price).not.toBe(a.quotes[0]?.price);
    t = Date.parse('2025-03-08T12:00:00Z'); // Saturday
    const sat1 = await sim.quotes(['AAPL']);
    t += 3_600_000;
    const sat2 = await sim.quotes(['AAPL']);
    expect(sat1.quotes[0]?.price).toBe(sat2.quotes[0]?.price);
    expect(sat1.quotes[0]?.marketState).toBe('CLOSED');
    // Friday's close is the Saturday price and the last bar of history.
    const h = await sim.history('AAPL', '2025-03-01', '2025-03-07');
    expect(h.bars.map((x) => x.date)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07']);
    expect(h.bars.at(-1)?.close).toBe(sat1.quotes[0]?.price);
  });

  it('serves the same cache path as Yahoo (PORTFOLIO_PROVIDER=sim)', async () => {
    const db = openDb(join(tempDir(), 'p.db'));
    const now = () => new Date('2025-03-05T15:00:00Z');
    const svc = await createMarketServiceWith({ db, config: parseConfig({ provider: 'sim' }), now });
    const r = await svc.refreshQuotes(['AAPL', 'SAP.DE']);
    expect(r).toMatchObject({ fetched: 2, apiCalls: 1, circuit: 'closed' });
    expect(getQuotes(db).get('SAP.DE')?.source).toBe('sim');
    await svc.refreshHistory([{ symbol: 'AAPL', from: '2025-02-03' }]);
    expect(getCloses(db, 'AAPL').length).toBe(21); // Feb 3..Mar 4: 22 weekdays less Presidents' Day
    svc.close();
    db.close();
  });
});
