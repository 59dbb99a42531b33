/**
 * The one refresh rule (src/core/needs-quote.ts) at the edges where it changes: weekends, exchange
 * holidays, the minutes around an open and a close, DST switches in New York and London, New Year.
 * Every instant is injected; nothing here reads the clock.
 * Local hours: New York 09:30-16:00 (EST UTC-5, EDT UTC-4), London 08:00-16:30 (GMT, BST UTC+1).
 * 2026: New York moves to EDT on Sun 8 Mar and back on Sun 1 Nov; London to BST on Sun 29 Mar and
 * back on Sun 25 Oct.
 */
import { describe, expect, it } from 'vitest';
import { needsQuote } from '../../src/core/needs-quote.js';

const TTL = 300;
type Where = 'NY' | 'LON' | 'FX' | 'BTC' | 'XETRA';
const HINT: Record<Where, { symbol: string; exchangeTimezone: string | null }> = {
  NY: { symbol: 'AAPL', exchangeTimezone: 'America/New_York' },
  LON: { symbol: 'VOD.L', exchangeTimezone: 'Europe/London' },
  FX: { symbol: 'EURUSD=X', exchangeTimezone: 'Europe/London' },
  BTC: { symbol: 'BTC-USD', exchangeTimezone: 'UTC' },
  XETRA: { symbol: 'SAP.DE', exchangeTimezone: 'Europe/Berlin' },
};
const quote = (where: Where, fetchedAt: string, marketState = 'REGULAR') => ({ ...HINT[where], fetchedAt, marketTime: fetchedAt, marketState });

// [case, market, quote taken at (null: never fetched), now, fetch?]
const cases: [string, Where, string | null, string, boolean][] = [
  // Never fetched: always, whatever the hour.
  ['never fetched, Saturday', 'NY', null, '2026-11-28T12:00:00Z', true],
  ['never fetched, Sunday night', 'LON', null, '2026-11-29T23:00:00Z', true],
  ['never fetched, Christmas Day', 'NY', null, '2026-12-25T15:00:00Z', true],
  // Weekends: Friday 27 Nov 2026 closes 21:00Z in New York.
  ['Saturday, quote after Friday close', 'NY', '2026-11-27T21:05:00Z', '2026-11-28T12:00:00Z', false],
  ['Saturday, quote from Friday session', 'NY', '2026-11-27T18:00:00Z', '2026-11-28T12:00:00Z', true],
  ['Sunday, quote after Friday close', 'NY', '2026-11-27T21:05:00Z', '2026-11-29T22:00:00Z', false],
  ['Monday before the open, quote after Friday close', 'NY', '2026-11-27T21:05:00Z', '2026-11-30T12:00:00Z', false],
  ['Monday before the open, quote from Thursday', 'NY', '2026-11-25T21:05:00Z', '2026-11-30T12:00:00Z', true],
  // Minutes around the open: Monday 30 Nov 2026, New York opens 14:30Z.
  ['one minute before the open', 'NY', '2026-11-27T21:05:00Z', '2026-11-30T14:29:00Z', false],
  ['at the open', 'NY', '2026-11-27T21:05:00Z', '2026-11-30T14:30:00Z', true],
  ['just after the open, quote younger than the TTL', 'NY', '2026-11-30T14:30:30Z', '2026-11-30T14:31:00Z', false],
  ['after the open, quote older than the TTL', 'NY', '2026-11-30T14:30:30Z', '2026-11-30T14:36:00Z', true],
  // Minutes around the close: Wednesday 25 Nov 2026, New York closes 21:00Z.
  ['a minute before the close, quote a minute old', 'NY', '2026-11-25T20:58:00Z', '2026-11-25T20:59:00Z', false],
  ['at the close, quote from before it', 'NY', '2026-11-25T20:58:00Z', '2026-11-25T21:00:00Z', true],
  ['after the close, quote from before it', 'NY', '2026-11-25T20:59:59Z', '2026-11-25T21:01:00Z', true],
  ['after the close, quote taken at the close', 'NY', '2026-11-25T21:00:00Z', '2026-11-25T23:00:00Z', false],
  ['overnight, quote taken after the close', 'NY', '2026-11-25T21:00:30Z', '2026-11-26T05:00:00Z', false],
  // Exchange holidays.
  ['Thanksgiving, quote after Wednesday close', 'NY', '2026-11-25T21:01:00Z', '2026-11-26T15:00:00Z', false],
  ['Thanksgiving, quote from Wednesday session', 'NY', '2026-11-25T20:00:00Z', '2026-11-26T15:00:00Z', true],
  ['Friday after Thanksgiving is open', 'NY', '2026-11-25T21:01:00Z', '2026-11-27T15:00:00Z', true],
  ['Good Friday 2026 (3 Apr), London closed', 'LON', '2026-04-02T15:35:00Z', '2026-04-03T10:00:00Z', false],
  ['Easter Monday 2026, London closed', 'LON', '2026-04-02T15:35:00Z', '2026-04-06T10:00:00Z', false],
  ['Easter Monday 2026, New York open', 'NY', '2026-04-02T20:05:00Z', '2026-04-06T15:00:00Z', true],
  ['Christmas Eve 2026 XETRA closed, quote after the 23rd close', 'XETRA', '2026-12-23T16:45:00Z', '2026-12-24T10:00:00Z', false],
  ['an unlisted holiday: the exchange said CLOSED after today\'s open', 'NY', '2026-06-10T15:00:00Z', '2026-06-10T18:00:00Z', false],
  ['the same quote the next day', 'NY', '2026-06-10T15:00:00Z', '2026-06-11T18:00:00Z', true],
  // DST in New York, spring: Friday 6 Mar closes 21:00Z (EST); Monday 9 Mar opens 13:30Z (EDT).
  ['NY spring DST: Monday 13:29Z is before the open', 'NY', '2026-03-06T21:05:00Z', '2026-03-09T13:29:00Z', false],
  ['NY spring DST: Monday 13:31Z is after the open', 'NY', '2026-03-06T21:05:00Z', '2026-03-09T13:31:00Z', true],
  ['NY spring DST: Monday close is 20:00Z', 'NY', '2026-03-09T19:58:00Z', '2026-03-09T20:01:00Z', true],
  ['NY spring DST: quote at 20:01Z is after the close', 'NY', '2026-03-09T20:01:00Z', '2026-03-09T23:00:00Z', false],
  // DST in New York, autumn: Friday 30 Oct closes 20:00Z (EDT); Monday 2 Nov opens 14:30Z (EST).
  ['NY autumn DST: Friday quote at 20:05Z is after the close', 'NY', '2026-10-30T20:05:00Z', '2026-10-31T12:00:00Z', false],
  ['NY autumn DST: Monday 14:00Z is still before the open', 'NY', '2026-10-30T20:05:00Z', '2026-11-02T14:00:00Z', false],
  ['NY autumn DST: Monday 14:31Z is after the open', 'NY', '2026-10-30T20:05:00Z', '2026-11-02T14:31:00Z', true],
  // DST in London, spring: Friday 27 Mar closes 16:30Z (GMT); Monday 30 Mar opens 07:00Z (BST).
  ['London spring DST: Monday 06:59Z is before the open', 'LON', '2026-03-27T16:35:00Z', '2026-03-30T06:59:00Z', false],
  ['London spring DST: Monday 07:01Z is after the open', 'LON', '2026-03-27T16:35:00Z', '2026-03-30T07:01:00Z', true],
  ['London spring DST: Monday close is 15:30Z', 'LON', '2026-03-30T15:29:00Z', '2026-03-30T15:31:00Z', true],
  // DST in London, autumn: Friday 23 Oct closes 15:30Z (BST); Monday 26 Oct opens 08:00Z (GMT).
  ['London autumn DST: Friday quote at 15:35Z is after the close', 'LON', '2026-10-23T15:35:00Z', '2026-10-24T12:00:00Z', false],
  ['London autumn DST: Monday 07:30Z is still before the open', 'LON', '2026-10-23T15:35:00Z', '2026-10-26T07:30:00Z', false],
  ['London autumn DST: Monday 08:01Z is after the open', 'LON', '2026-10-23T15:35:00Z', '2026-10-26T08:01:00Z', true],
  // New Year: 1 Jan 2027 is a Friday, a holiday in New York and London.
  ['New Year\'s Day, quote after the 31st close', 'NY', '2026-12-31T21:05:00Z', '2027-01-01T15:00:00Z', false],
  ['New Year\'s Day, quote from the 31st session', 'NY', '2026-12-31T18:00:00Z', '2027-01-01T15:00:00Z', true],
  ['New Year\'s Eve midnight UTC, quote after the close', 'NY', '2026-12-31T21:05:00Z', '2027-01-01T00:00:00Z', false],
  ['first Monday of 2027 before the open', 'NY', '2026-12-31T21:05:00Z', '2027-01-04T14:29:00Z', false],
  ['first Monday of 2027 at the open', 'NY', '2026-12-31T21:05:00Z', '2027-01-04T14:30:00Z', true],
  ['London New Year 2027', 'LON', '2026-12-31T16:35:00Z', '2027-01-01T10:00:00Z', false],
  // 1 Jan 2028 is a Saturday: London closes Monday 3 Jan, New York does not.
  ['London substitute New Year holiday, Monday 3 Jan 2028', 'LON', '2027-12-31T16:35:00Z', '2028-01-03T10:00:00Z', false],
  ['New York open on Monday 3 Jan 2028', 'NY', '2027-12-31T21:05:00Z', '2028-01-03T15:00:00Z', true],
  // FX: closed from Friday 17:00 to Sunday 17:00 New York time (22:00Z in winter).
  ['FX Saturday, quote after Friday 22:00Z', 'FX', '2026-11-27T22:05:00Z', '2026-11-28T12:00:00Z', false],
  ['FX Sunday 21:59Z still closed', 'FX', '2026-11-27T22:05:00Z', '2026-11-29T21:59:00Z', false],
  ['FX Sunday 22:01Z open again', 'FX', '2026-11-27T22:05:00Z', '2026-11-29T22:01:00Z', true],
  ['FX Saturday, quote from Friday afternoon', 'FX', '2026-11-27T18:00:00Z', '2026-11-28T12:00:00Z', true],
  // Crypto never closes: the TTL alone decides, weekends and New Year included.
  ['crypto Saturday, quote an hour old', 'BTC', '2026-11-28T11:00:00Z', '2026-11-28T12:00:00Z', true],
  ['crypto New Year, quote a minute old', 'BTC', '2026-12-31T23:59:30Z', '2027-01-01T00:00:30Z', false],
];

describe('needsQuote: one rule for warm, the dashboard and the daemon', () => {
  it.each(cases)('%s', (_name, where, takenAt, now, expected) => {
    const q = takenAt === null ? null : quote(where, takenAt, _name.startsWith('an unlisted holiday') ? 'CLOSED' : 'REGULAR');
    expect(needsQuote(q, new Date(now), TTL)).toBe(expected);
  });

  it('does not depend on the machine\'s time zone or clock', () => {
    // The same question at the same instant has one answer: only the injected instant counts.
    const q = quote('NY', '2026-11-27T21:05:00Z');
    const answers = [0, 1, 2].map(() => needsQuote(q, new Date('2026-11-28T12:00:00Z'), TTL));
    expect(answers).toEqual([false, false, false]);
    expect(needsQuote(q, new Date('2026-11-30T14:30:00Z'), TTL)).toBe(true);
  });
});
