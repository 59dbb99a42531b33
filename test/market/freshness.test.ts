import { describe, expect, it } from 'vitest';
import { quoteFreshness } from '../../src/core/freshness.js';
import { marketFor, sessionAt } from '../../src/core/market-hours.js';

const TTL = 300;
const q = (fetchedAt: string, over: Partial<{ exchangeTimezone: string | null; marketState: string | null; symbol: string }> = {}) => ({
  fetchedAt,
  marketTime: fetchedAt,
  marketState: 'REGULAR',
  exchangeTimezone: 'America/New_York',
  symbol: 'AAPL',
  ...over,
});

describe('quoteFreshness', () => {
  const cases: [string, ReturnType<typeof q> | null, string, 'fresh' | 'stale' | 'missing', string | null][] = [
    ['never fetched', null, '2025-03-05T15:00:00Z', 'missing', 'never fetched'],
    // Wed 2025-03-05, NY is UTC-5: open 14:30Z..21:00Z
    ['young in an open market', q('2025-03-05T14:58:00Z'), '2025-03-05T15:00:00Z', 'fresh', null],
    ['older than the TTL in an open market', q('2025-03-05T14:50:00Z'), '2025-03-05T15:00:00Z', 'stale', 'older than 5 min'],
    ['taken after the close, evening', q('2025-03-05T21:05:00Z'), '2025-03-06T02:00:00Z', 'fresh', 'market closed'],
    ['taken after Friday close, Sunday', q('2025-03-07T21:30:00Z'), '2025-03-09T12:00:00Z', 'fresh', 'market closed'],
    ['taken after Friday close, Monday open', q('2025-03-07T21:30:00Z'), '2025-03-10T14:00:00Z', 'stale', 'older than 5 min'],
    ['taken during the session, evening', q('2025-03-05T20:00:00Z'), '2025-03-05T23:00:00Z', 'stale', 'taken before the last close'],
    ['Good Friday is a US holiday', q('2025-04-17T19:30:00Z'), '2025-04-18T15:00:00Z', 'stale', 'taken before the last close'],
    ['after Thursday close on Good Friday', q('2025-04-17T20:05:00Z'), '2025-04-18T15:00:00Z', 'fresh', 'market closed'],
    ['exchange said CLOSED during session hours', q('2025-01-09T15:00:00Z', { marketState: 'CLOSED' }), '2025-01-09T18:00:00Z', 'fresh', 'market closed'],
    // London: open 08:00-16:30 local (GMT in March)
    ['LSE after close', q('2025-03-05T16:45:00Z', { exchangeTimezone: 'Europe/London', symbol: 'OCDO.L' }), '2025-03-05T22:00:00Z', 'fresh', 'market closed'],
    ['LSE open, old', q('2025-03-05T09:00:00Z', { exchangeTimezone: 'Europe/London', symbol: 'OCDO.L' }), '2025-03-05T10:00:00Z', 'stale', 'older than 5 min'],
    // Crypto never closes
    ['crypto on Sunday', q('2025-03-08T12:00:00Z', { exchangeTimezone: 'UTC', symbol: 'BTC-USD' }), '2025-03-09T12:00:00Z', 'stale', 'older than 5 min'],
    // FX (Yahoo gives Europe/London as timezone, but the =X symbol decides): closed Fri 17:00 NY -> Sun 17:00 NY
    ['FX Saturday after Friday close', q('2025-03-07T22:30:00Z', { exchangeTimezone: 'Europe/London', symbol: 'EURUSD=X' }), '2025-03-08T12:00:00Z', 'fresh', 'market closed'],
    ['FX Tuesday old', q('2025-03-04T10:00:00Z', { exchangeTimezone: 'Europe/London', symbol: 'EURUSD=X' }), '2025-03-04T12:00:00Z', 'stale', 'older than 5 min'],
  ];
  it.each(cases)('%s', (_name, quote, now, state, reason) => {
    const f = quoteFreshness(quote, new Date(now), TTL);
    expect(f.state).toBe(state);
    expect(f.reason).toBe(reason);
    if (quote) expect(f.ageSeconds).toBeCloseTo((Date.parse(now) - Date.parse(quote.fetchedAt)) / 1000);
    else expect(f.ageSeconds).toBeNull();
  });
});

describe('market hours', () => {
  it('knows the US session, including DST', () => {
    const us = marketFor({ symbol: 'AAPL', exchangeTimezone: 'America/New_York' });
    // Summer: NY is UTC-4, opens 13:30Z
    expect(sessionAt(us, new Date('2025-07-01T13:29:00Z')).open).toBe(false);
    expect(sessionAt(us, new Date('2025-07-01T13:31:00Z')).open).toBe(true);
    const s = sessionAt(us, new Date('2025-07-05T12:00:00Z')); // Saturday
    expect(s.open).toBe(false);
    expect(s.lastClose?.toISOString()).toBe('2025-07-03T20:00:00.000Z'); // July 4 is a holiday
    expect(s.nextOpen?.toISOString()).toBe('2025-07-07T13:30:00.000Z');
  });
  it('knows XETRA and UK bank holidays', () => {
    const de = marketFor({ symbol: 'SAP.DE' });
    expect(de.id).toBe('XETRA');
    expect(sessionAt(de, new Date('2025-05-01T10:00:00Z')).open).toBe(false);
    expect(sessionAt(de, new Date('2025-05-02T10:00:00Z')).open).toBe(true);
    const uk = marketFor({ symbol: 'VOD.L' });
    expect(sessionAt(uk, new Date('2025-08-25T10:00:00Z')).open).toBe(false);
    expect(sessionAt(uk, new Date('2025-12-26T10:00:00Z')).open).toBe(false);
  });
  it('treats crypto as always open and FX as 24/5', () => {
    expect(sessionAt(marketFor({ symbol: 'BTC-USD' }), new Date('2025-03-09T03:00:00Z')).open).toBe(true);
    const fx = marketFor({ symbol: 'EURUSD=X' });
    expect(sessionAt(fx, new Date('2025-03-09T20:59:00Z')).open).toBe(false); // Sun 16:59 NY (EDT)
    expect(sessionAt(fx, new Date('2025-03-09T21:01:00Z')).open).toBe(true);
  });
  it('answers from one shared market per exchange, the same as a fresh computation, whatever the order of instants', () => {
    const a = marketFor({ symbol: 'AAPL', exchangeTimezone: 'America/New_York' });
    expect(marketFor({ symbol: 'MSFT' })).toBe(a);
    expect(marketFor({ symbol: 'SAP.DE' })).not.toBe(a);
    const instants = ['2025-07-01T13:29:00Z', '2025-07-01T13:31:00Z', '2025-07-05T12:00:00Z', '2025-12-26T15:00:00Z'].map((t) => new Date(t));
    const fresh = instants.map((t) => sessionAt({ ...a } as typeof a, t)); // a new object: nothing remembered
    // Interleaved and repeated on the shared object: each answer matches its own instant.
    for (const i of [0, 1, 0, 2, 2, 3, 1, 3, 0]) expect(sessionAt(a, instants[i] as Date)).toEqual(fresh[i]);
    expect(sessionAt(a, instants[1] as Date).open).toBe(true);
    expect(sessionAt(a, instants[0] as Date).open).toBe(false);
  });
});
