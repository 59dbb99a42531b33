import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { lookupPrices } from '../../src/ledger/price-lookup.js';
import { createMarketServiceWith } from '../../src/market/create.js';
import { createSimProvider } from '../../src/market/providers/sim.js';
import { openDb } from '../../src/store/db.js';
import { getQuotes } from '../../src/store/prices.js';
import { isPlaceholderName, upsertQuotes } from '../../src/store/quote-cache.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2025-03-05T15:00:00Z');

const quote = (symbol: string, name: string | null, source = 'yahoo') => ({
  symbol, price: 10, previousClose: 9, currency: 'USD', name, marketTime: NOW.toISOString(), marketState: 'REGULAR',
  exchangeTimezone: 'America/New_York', fetchedAt: NOW.toISOString(), source,
});

const nameOf = (db: ReturnType<typeof openDb>, symbol: string) => ({
  quote: getQuotes(db).get(symbol)?.name ?? null,
  instrument: (db.prepare('SELECT name FROM instruments WHERE symbol = ?').get(symbol) as { name: string | null } | undefined)?.name ?? null,
  shown: lookupPrices(db, [symbol], NOW, 300).get(symbol)?.name ?? null,
});

describe('instrument names', () => {
  it('the sim provider knows real names and stays generic for other symbols', async () => {
    const r = await createSimProvider({ now: () => NOW }).quotes(['VTI', 'SAP.DE', 'ZZTOP']);
    expect(r.quotes.map((q) => q.name)).toEqual(['Vanguard Total Stock Market ETF', 'SAP SE', 'ZZTOP (simulated)']);
  });

  it('a placeholder never replaces a known name; a real name does', () => {
    expect(isPlaceholderName('VTI', 'VTI (simulated)')).toBe(true);
    expect(isPlaceholderName('VTI', 'VTI')).toBe(true);
    expect(isPlaceholderName('VTI', null)).toBe(true);
    expect(isPlaceholderName('VTI', 'Vanguard Total Stock Market ETF')).toBe(false);
    const db = openDb(join(tempDir(), 'p.db'));
    try {
      db.prepare("INSERT INTO instruments (symbol, name, currency) VALUES ('VTI', 'Vanguard Total Stock Market', 'USD')").run();
      upsertQuotes(db, [quote('VTI', 'VTI (simulated)', 'sim')]);
      expect(nameOf(db, 'VTI')).toEqual({ quote: 'Vanguard Total Stock Market', instrument: 'Vanguard Total Stock Market', shown: 'Vanguard Total Stock Market' });
      upsertQuotes(db, [quote('VTI', 'VTI')]);
      expect(nameOf(db, 'VTI').shown).toBe('Vanguard Total Stock Market');
      // A real provider's name still updates both.
      upsertQuotes(db, [quote('VTI', 'Vanguard Total Stock Market ETF')]);
      expect(nameOf(db, 'VTI')).toEqual({ quote: 'Vanguard Total Stock Market ETF', instrument: 'Vanguard Total Stock Market ETF', shown: 'Vanguard Total Stock Market ETF' });
      // With nothing better known, the placeholder is kept (better than no name).
      upsertQuotes(db, [quote('ZZTOP', 'ZZTOP (simulated)', 'sim')]);
      expect(nameOf(db, 'ZZTOP').shown).toBe('ZZTOP (simulated)');
      upsertQuotes(db, [quote('ZZTOP', 'ZZ Top Holdings')]);
      expect(nameOf(db, 'ZZTOP').shown).toBe('ZZ Top Holdings');
    } finally {
      db.close();
    }
  });

  it('a refresh through the sim provider keeps the names the ledger already had', async () => {
    const db = openDb(join(tempDir(), 'p.db'));
    db.prepare("INSERT INTO instruments (symbol, name, currency) VALUES ('ZZTOP', 'ZZ Top Holdings', 'USD')").run();
    const svc = await createMarketServiceWith({ db, config: parseConfig({ provider: 'sim' }), now: () => NOW });
    await svc.refreshQuotes(['ZZTOP', 'AAPL']);
    expect(nameOf(db, 'ZZTOP').shown).toBe('ZZ Top Holdings');
    expect(nameOf(db, 'AAPL').shown).toBe('Apple Inc.');
    svc.close();
    db.close();
  });
});
