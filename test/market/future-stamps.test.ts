import { afterEach, describe, expect, it } from 'vitest';
import { dropFutureQuotes, isFutureDay, isFutureStamp } from '../../src/core/future-stamp.js';
import { getQuotes } from '../../src/store/prices.js';
import { storeHistory } from '../../src/store/quote-cache.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

const NOW = new Date('2024-06-05T15:00:00Z');

describe('data stamped in the future', () => {
  it('the rule: beyond a small clock-skew allowance, or unparseable', () => {
    expect(isFutureStamp('2024-06-05T15:05:00Z', NOW)).toBe(false);
    expect(isFutureStamp('2024-06-05T15:30:00Z', NOW)).toBe(true);
    expect(isFutureStamp('2424-06-05T15:00:00Z', NOW)).toBe(true);
    expect(isFutureStamp('not a time', NOW)).toBe(true);
    expect(isFutureDay('2024-06-06', NOW)).toBe(false); // already the 6th in Kiribati
    expect(isFutureDay('2024-06-07', NOW)).toBe(true);
    expect(dropFutureQuotes([{ symbol: 'A', marketTime: '2024-07-05T15:00:00Z' }], NOW).refused[0]?.message).toMatch(/in the future/);
  });

  it('a quote stamped 30 days ahead is refused, not stored as fresh', async () => {
    h = await harness({ fake: { fixtures: false } });
    const svc = await h.service();
    await svc.refreshQuotes(['AAPL']);
    const before = getQuotes(h.db).get('AAPL');
    const ahead = h.clock.now().getTime() + 30 * 86_400_000;
    h.fake.set({ now: () => new Date(ahead) });
    h.clock.advance(3_600_000);
    const r = await svc.refreshQuotes(['AAPL'], { force: true });
    expect(r.fetched).toBe(0);
    expect(r.failed[0]?.message).toMatch(/in the future/);
    expect(getQuotes(h.db).get('AAPL')).toEqual(before);
  });

  it('daily closes dated after today are not stored', async () => {
    h = await harness();
    storeHistory(
      h.db,
      { symbol: 'ZZZ', currency: 'USD', bars: [{ date: '2024-06-04', close: 10 }, { date: '2099-01-01', close: 1e9 }], dividends: [], splits: [] } as never,
      { from: '2024-06-01', to: '2024-06-05' },
      'test',
      NOW,
    );
    const rows = h.db.prepare("SELECT date FROM daily_closes WHERE symbol = 'ZZZ'").all();
    expect(rows).toEqual([{ date: '2024-06-04' }]);
  });
});
