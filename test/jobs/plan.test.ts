import { describe, expect, it } from 'vitest';
import { planTick, type SymbolInfo, type TickInput } from '../../src/jobs/plan.js';

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

const TTL = 300;
const plan = (input: Omit<TickInput, 'ttlSeconds'>) => planTick({ ...input, ttlSeconds: TTL });
/** A cached quote taken at `iso`, with what the provider said about its market. */
const taken = (s: SymbolInfo, iso: string): SymbolInfo => ({
  ...s,
  quote: { fetchedAt: iso, marketTime: iso, marketState: 'REGULAR', exchangeTimezone: s.exchangeTimezone ?? null, symbol: s.symbol, quoteType: s.quoteType ?? null },
});

describe('job selection on a fake clock', () => {
  it('quotes: never-fetched symbols are asked for at any hour, even with every market closed', () => {
    for (const now of [wedLondonAndNyOpen, wedNight, saturday, goodFriday]) {
      expect(plan({ job: 'quotes', now, busy: false, symbols: held })).toEqual({ run: true, symbols: held.map((s) => s.symbol) });
    }
  });

  it('quotes: open markets once the TTL has passed; closed markets only for quotes taken before their last close', () => {
    // Every quote taken 2 minutes ago: all fresh, the tick is skipped.
    const recent = held.map((s) => taken(s, '2025-03-12T14:58:00Z'));
    expect(plan({ job: 'quotes', now: wedLondonAndNyOpen, busy: false, symbols: recent })).toEqual({ run: false, reason: 'every quote is fresh' });
    // Taken at 14:00Z (an hour old): every market is open, so all are due.
    const hourOld = held.map((s) => taken(s, '2025-03-12T14:00:00Z'));
    expect(plan({ job: 'quotes', now: wedLondonAndNyOpen, busy: false, symbols: hourOld })).toMatchObject({ symbols: ['AAPL', 'VOD.L', 'BTC-USD', 'EURUSD=X'] });
    // 18:00Z: London closed at 16:30Z, after the 14:00Z quote: VOD.L is due once more (its closing price).
    expect(plan({ job: 'quotes', now: wedNyOnly, busy: false, symbols: hourOld })).toMatchObject({ symbols: ['AAPL', 'VOD.L', 'BTC-USD', 'EURUSD=X'] });
    // London quote taken after its close: skipped until the next open; the others are still due.
    const afterLondonClose = held.map((s) => taken(s, '2025-03-12T16:40:00Z'));
    expect(plan({ job: 'quotes', now: wedNyOnly, busy: false, symbols: afterLondonClose })).toMatchObject({ symbols: ['AAPL', 'BTC-USD', 'EURUSD=X'] });
  });

  it('quotes: at the weekend, quotes from before Friday\'s close are fetched; those taken after it are not', () => {
    const equities = held.slice(0, 2);
    const fridayMorning = equities.map((s) => taken(s, '2025-03-14T12:00:00Z'));
    expect(plan({ job: 'quotes', now: saturday, busy: false, symbols: fridayMorning })).toEqual({ run: true, symbols: ['AAPL', 'VOD.L'] });
    const fridayNight = equities.map((s) => taken(s, '2025-03-14T22:00:00Z'));
    expect(plan({ job: 'quotes', now: saturday, busy: false, symbols: fridayNight })).toEqual({ run: false, reason: 'every quote is fresh' });
    // Good Friday: the US and London are closed; Thursday's evening quotes are final.
    const thursdayNight = equities.map((s) => taken(s, '2025-04-17T22:00:00Z'));
    expect(plan({ job: 'quotes', now: goodFriday, busy: false, symbols: thursdayNight })).toEqual({ run: false, reason: 'every quote is fresh' });
    // Crypto never closes: its quote is due once the TTL has passed, weekend or not.
    const btc = taken({ symbol: 'BTC-USD' }, '2025-03-15T14:00:00Z');
    expect(plan({ job: 'quotes', now: saturday, busy: false, symbols: [btc] })).toEqual({ run: true, symbols: ['BTC-USD'] });
  });

  it('history: only symbols whose close is settled (their market is closed)', () => {
    expect(plan({ job: 'history', now: wedNyOnly, busy: false, symbols: held })).toEqual({ run: true, symbols: ['VOD.L', 'BTC-USD'] });
    expect(plan({ job: 'history', now: wedNight, busy: false, symbols: held.slice(0, 2) })).toEqual({ run: true, symbols: ['AAPL', 'VOD.L'] });
  });

  it('fx only touches currency pairs; warm everything; nothing held means nothing to do', () => {
    expect(plan({ job: 'fx', now: saturday, busy: false, symbols: held })).toEqual({ run: true, symbols: ['EURUSD=X'] });
    expect(plan({ job: 'warm', now: saturday, busy: false, symbols: held })).toMatchObject({ run: true, symbols: held.map((s) => s.symbol) });
    expect(plan({ job: 'warm', now: saturday, busy: false, symbols: [] })).toEqual({ run: false, reason: 'no held symbols' });
    expect(plan({ job: 'housekeeping', now: saturday, busy: false, symbols: [] })).toEqual({ run: true, symbols: [] });
  });

  it('a job that is still running skips its tick', () => {
    for (const job of ['quotes', 'history', 'fx', 'warm', 'housekeeping'] as const) {
      expect(plan({ job, now: wedLondonAndNyOpen, busy: true, symbols: held })).toMatchObject({ run: false, reason: expect.stringContaining('overlap') });
    }
  });
});
