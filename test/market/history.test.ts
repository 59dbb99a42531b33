import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../src/market/create.js';
import { getCloses, setManualCloses } from '../../src/store/prices.js';
import { getCoverage } from '../../src/store/quote-cache.js';
import { harness, type Harness } from './harness.js';
import { loadFixture } from '../helpers/fake-yahoo.js';

let h: Harness;
afterEach(async () => h?.close());

const day = (unix: string | undefined) => new Date(Number(unix) * 1000).toISOString().slice(0, 10);

describe('history', () => {
  it('fetches each range once, then only the new days', async () => {
    h = await harness(); // Wed 2025-03-05 15:00Z, NY open: last closed day is Tue 03-04
    const svc = await h.service();
    const r1 = await svc.refreshHistory([{ symbol: 'XYZ', from: '2025-01-02' }]);
    expect(r1).toMatchObject({ fetched: 1, cached: 0, failed: [], apiCalls: 1 });
    expect(getCoverage(h.db, 'XYZ')).toEqual({ from: '2025-01-02', to: '2025-03-04' });
    const closes = getCloses(h.db, 'XYZ');
    expect(closes[0]?.date).toBe('2025-01-02');
    expect(closes.at(-1)?.date).toBe('2025-03-04');
    expect(closes.some((c) => c.date === '2025-01-20')).toBe(false); // MLK day

    const r2 = await svc.refreshHistory([{ symbol: 'XYZ', from: '2025-01-02' }]);
    expect(r2).toMatchObject({ fetched: 0, cached: 1, apiCalls: 0 });
    expect(h.fake.count('chart')).toBe(1);

    h.clock.set('2025-03-07T22:00:00Z'); // Friday after the close
    await svc.refreshHistory([{ symbol: 'XYZ', from: '2025-01-02' }]);
    const last = h.fake.requests.at(-1);
    expect(h.fake.count('chart')).toBe(2);
    expect(day(last?.query.period1)).toBe('2025-03-05');
    expect(day(last?.query.period2)).toBe('2025-03-08');
    expect(getCloses(h.db, 'XYZ').at(-1)?.date).toBe('2025-03-07');

    // An earlier first transaction: only the older gap goes out.
    await svc.refreshHistory([{ symbol: 'XYZ', from: '2024-12-02' }]);
    expect(h.fake.count('chart')).toBe(3);
    expect(day(h.fake.requests.at(-1)?.query.period2)).toBe('2025-01-02');
    expect(getCoverage(h.db, 'XYZ')).toEqual({ from: '2024-12-02', to: '2025-03-07' });
  });

  it('never overwrites a manual close', async () => {
    h = await harness();
    setManualCloses(h.db, [{ symbol: 'XYZ', date: '2025-03-03', close: 1234 }]);
    await (await h.service()).refreshHistory([{ symbol: 'XYZ', from: '2025-03-01' }]);
    const row = h.db.prepare("SELECT close, manual_close FROM daily_closes WHERE symbol = 'XYZ' AND date = '2025-03-03'").get() as { close: number; manual_close: number };
    expect(row.manual_close).toBe(1234);
    expect(row.close).toBeGreaterThan(0);
    expect(getCloses(h.db, 'XYZ', '2025-03-03', '2025-03-03')[0]?.close).toBe(1234);
  });

  it('parses the recorded charts: GBp closes, dividends, a split', async () => {
    h = await harness();
    const yahoo = await createProvider({ db: h.db, config: h.config, now: h.clock.now });
    const ocdo = await yahoo.history('OCDO.L', '2020-01-01', '2020-01-02');
    expect(ocdo.currency).toBe('GBP');
    expect(ocdo.bars).toEqual([{ date: '2020-01-02', close: 12.595 }]);
    const msft = await yahoo.history('MSFT', '2021-02-01', '2022-01-30');
    expect(msft.bars.length).toBe(252);
    expect(msft.bars[0]).toEqual({ date: '2021-02-01', close: 239.64999389648438 });
    expect(msft.dividends).toEqual([
      { date: '2021-02-17', amount: 0.56 },
      { date: '2021-05-19', amount: 0.56 },
      { date: '2021-08-18', amount: 0.56 },
      { date: '2021-11-17', amount: 0.62 },
    ]);
    const nvda = await yahoo.history('NVDA', '2021-02-01', '2022-01-30');
    expect(nvda.splits).toEqual([{ date: '2021-07-20', numerator: 4, denominator: 1 }]);
    // Yahoo's closes are split-adjusted; the cache keeps them as traded (x4 before the split).
    expect(nvda.bars[0]).toEqual({ date: '2021-02-01', close: 13.237000465393066 * 4 });
    expect(nvda.bars.find((b) => b.date === '2021-07-20')?.close).toBe(18.61199951171875); // on and after the split: as given
    const eur = await yahoo.history('EURUSD=X', '2020-01-01', '2020-01-02');
    expect(eur.bars.map((b) => b.date)).toEqual(['2020-01-01', '2020-01-02']);
    yahoo.close?.();
  });

  it('un-adjusts closes and dividends for splits learnt earlier (an older gap fetched later)', async () => {
    h = await harness();
    const yahoo = await createProvider({ db: h.db, config: h.config, now: h.clock.now });
    const raw = await yahoo.history('XYZ', '2025-02-03', '2025-02-14');
    h.db.prepare("INSERT INTO market_events (symbol, date, kind, numerator, denominator) VALUES ('XYZ', '2025-02-20', 'split', 2, 1)").run();
    const again = await yahoo.history('XYZ', '2025-02-03', '2025-02-14');
    expect(again.bars.length).toBe(raw.bars.length);
    again.bars.forEach((b, i) => expect(b.close).toBeCloseTo((raw.bars[i]?.close ?? 0) * 2, 9));
    yahoo.close?.();
  });

  it('treats a chart without timestamps but with closes as bad data and keeps the cache as it was', async () => {
    h = await harness({ fake: { chartOverrides: { WEIRD: loadFixture('chart-notimestamp-weird-quote.fake.json').body } } });
    const svc = await h.service();
    const r = await svc.refreshHistory([{ symbol: 'WEIRD', from: '2025-02-01' }]);
    expect(r.failed).toEqual([expect.objectContaining({ symbol: 'WEIRD', message: 'chart has closes but no timestamps' })]);
    expect(getCoverage(h.db, 'WEIRD')).toBeNull();
  });

  it('accepts an empty range (no timestamps, empty quote) as covered', async () => {
    const empty = { chart: { result: [{ meta: { currency: 'USD', symbol: 'EMPTY' }, indicators: { quote: [{}] } }], error: null } };
    h = await harness({ fake: { chartOverrides: { EMPTY: empty } } });
    const r = await (await h.service()).refreshHistory([{ symbol: 'EMPTY', from: '2025-03-01' }]);
    expect(r.fetched).toBe(1);
    expect(getCoverage(h.db, 'EMPTY')).toEqual({ from: '2025-03-01', to: '2025-03-04' });
  });
});
