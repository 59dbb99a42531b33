import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackedSymbols } from '../../src/jobs/symbols.js';
import { openDb } from '../../src/store/db.js';
import { addWatched, allWatchedSymbols, listWatchlists, locallyKnownSymbols, removeWatched } from '../../src/store/watchlists.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

describe('watchlist store and the daemon symbol set', () => {
  it('the daemon tracks watched symbols next to held ones, without FX for them', () => {
    const db = openDb(join(tempDir(), 'p.db'));
    buyEach(db, ['AAPL', 'VOD.L']);
    addWatched(db, 'watchlist', ['TSLA', 'SAP.DE'], new Date('2025-03-05T15:00:00Z'));
    addWatched(db, 'crypto', ['BTC-USD', 'TSLA'], new Date('2025-03-05T15:00:00Z'));
    const symbols = trackedSymbols(db, 'USD', { open: true }).map((s) => s.symbol);
    expect(symbols).toEqual(['AAPL', 'VOD.L', 'BTC-USD', 'SAP.DE', 'TSLA', 'GBPUSD=X']);
    expect(allWatchedSymbols(db)).toEqual(['BTC-USD', 'SAP.DE', 'TSLA']);
    expect(listWatchlists(db)).toEqual([{ name: 'watchlist', count: 2 }, { name: 'crypto', count: 2 }]);
    expect(removeWatched(db, 'crypto', ['TSLA', 'NOPE'])).toEqual(['TSLA']);
    expect([...locallyKnownSymbols(db)].sort()).toEqual(['AAPL', 'BTC-USD', 'SAP.DE', 'TSLA', 'VOD.L']);
    // The table issue 19's completion reads: (list, symbol, added_at).
    expect(db.prepare('SELECT list, symbol, added_at FROM watchlist_symbols ORDER BY list, symbol').all()).toHaveLength(3);
    db.close();
  });
});
