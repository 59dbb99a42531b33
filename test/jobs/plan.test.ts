import { describe, expect, it } from 'vitest';
import { planTick, symbolsWithOpenMarket, type SymbolInfo } from '../../src/jobs/plan.js';

const held: SymbolInfo[] = [
  { symbol: 'AAPL', exchangeTimezone: 'America/New_York' },
  { symbol: 'VOD.L' }, // market from the suffix
  { symbol: 'BTC-USD' },
  { symbol: 'EURUSD=X' },
];

// 2025-03-12 is a Wednesday; New York is on EDT (UTC-4), London on GMT.
const wedLondonAndNyOpen = new Date('2025-03-12T15:00:00Z');
const wedNyOnly = new Date('2025-03-12T18:00:00Z');
const wedNight = new Date('2025-03-12T23:00:00Z');
const saturday = new Date('2025-03-15T15:00:00Z');
const goodFriday = new Date('2025-04-18T15:00:00Z');

describe('job selection on a fake clock', () => {
  it('quotes: only symbols whose market is open', () => {
    expect(planTick({ job: 'quotes', now: wedLondonAndNyOpen, busy: false, symbols: held })).toEqual({
      run: true,
      symbols: ['AAPL', 'VOD.L', 'BTC-USD', 'EURUSD=X'],
    });
    expect(symbolsWithOpenMarket(held, wedNyOnly)).toEqual(['AAPL', 'BTC-USD', 'EURUSD=X']);
    expect(symbolsWithOpenMarket(held, wedNight)).toEqual(['BTC-USD', 'EURUSD=X']);
  });

  it('quotes: at the weekend only always-open markets; with no crypto the tick is skipped', () => {
    expect(symbolsWithOpenMarket(held, saturday)).toEqual(['BTC-USD']);
    const equities = held.slice(0, 2);
    expect(planTick({ job: 'quotes', now: saturday, busy: false, symbols: equities })).toEqual({ run: false, reason: 'no market open' });
    expect(planTick({ job: 'quotes', now: goodFriday, busy: false, symbols: equities })).toEqual({ run: false, reason: 'no market open' });
  });

  it('history: only symbols whose close is settled (their market is closed)', () => {
    expect(planTick({ job: 'history', now: wedNyOnly, busy: false, symbols: held })).toEqual({ run: true, symbols: ['VOD.L', 'BTC-USD'] });
    expect(planTick({ job: 'history', now: wedNight, busy: false, symbols: held.slice(0, 2) })).toEqual({ run: true, symbols: ['AAPL', 'VOD.L'] });
  });

  it('fx only touches currency pairs; warm everything; nothing held means nothing to do', () => {
    expect(planTick({ job: 'fx', now: saturday, busy: false, symbols: held })).toEqual({ run: true, symbols: ['EURUSD=X'] });
    expect(planTick({ job: 'warm', now: saturday, busy: false, symbols: held })).toMatchObject({ run: true, symbols: held.map((s) => s.symbol) });
    expect(planTick({ job: 'warm', now: saturday, busy: false, symbols: [] })).toEqual({ run: false, reason: 'no held symbols' });
    expect(planTick({ job: 'housekeeping', now: saturday, busy: false, symbols: [] })).toEqual({ run: true, symbols: [] });
  });

  it('a job that is still running skips its tick', () => {
    for (const job of ['quotes', 'history', 'fx', 'warm', 'housekeeping'] as const) {
      expect(planTick({ job, now: wedLondonAndNyOpen, busy: true, symbols: held })).toMatchObject({ run: false, reason: expect.stringContaining('overlap') });
    }
  });
});
