import { describe, expect, it } from 'vitest';
import { parseChart, parseQuotes } from '../../src/market/providers/yahoo-parse.js';
import { loadFixture } from '../helpers/fake-yahoo.js';

const body = (result: unknown[]) => JSON.stringify({ quoteResponse: { result, error: null } });

describe('parseQuotes', () => {
  it('reads the recorded AAPL/BABA answer', () => {
    const r = parseQuotes(JSON.stringify(loadFixture('quote-AAPL-BABA.json').body), ['AAPL', 'BABA']);
    expect(r.failures).toEqual([]);
    expect(r.quotes[0]).toEqual({
      symbol: 'AAPL', price: 244.6, previousClose: 241.53, currency: 'USD', name: 'Apple Inc.',
      marketTime: new Date(1739566800 * 1000).toISOString(), marketState: 'CLOSED', exchangeTimezone: 'America/New_York', quoteType: 'EQUITY', exchange: 'NMS',
      week52Low: 164.08, week52High: 260.1,
      dividendDate: '2025-02-13', // recorded dividendDate 1739404800
    });
  });

  it('gives the 52-week range in major units (OCDO.L is quoted in pence: 270 GBp -> 2.70 GBP)', () => {
    const q = parseQuotes(JSON.stringify(loadFixture('quote-OCDO.L.json').body), ['OCDO.L']).quotes[0];
    expect(q?.currency).toBe('GBP');
    expect(q?.week52Low).toBeCloseTo(2.7, 10);
    expect(q?.week52High).toBeCloseTo(5.41346, 10);
  });

  it.each([
    ['', /malformed JSON/],
    ['{"quoteResponse":', /malformed JSON/],
    ['  <html><body>Will be right back</body></html>', /HTML page/],
    ['{"finance":{"error":{"code":"Unauthorized"}}}', /no quoteResponse.result/],
    ['[1,2,3]', /no quoteResponse.result/],
  ])('fails every symbol on %j', (text, reason) => {
    const r = parseQuotes(text, ['A', 'B']);
    expect(r.quotes).toEqual([]);
    expect(r.failures.map((f) => f.symbol)).toEqual(['A', 'B']);
    for (const f of r.failures) expect(f.message).toMatch(reason);
  });

  it('judges each symbol on its own', () => {
    const r = parseQuotes(
      body([
        { symbol: 'A', regularMarketPrice: 'NaN', currency: 'USD' },
        { symbol: 'B', regularMarketPrice: 5, currency: null },
        { symbol: 'C', regularMarketPrice: 1250, currency: 'ZAc', regularMarketPreviousClose: -1 },
        { symbol: 'c', regularMarketPrice: 999, currency: 'USD' }, // a duplicate in other case: first one wins
        { symbol: 'ZZZ', regularMarketPrice: 1, currency: 'USD' }, // not asked
        null,
        { regularMarketPrice: 3 },
      ]),
      ['A', 'B', 'C', 'D'],
    );
    expect(r.quotes).toEqual([expect.objectContaining({ symbol: 'C', price: 12.5, currency: 'ZAR', previousClose: null })]);
    expect(Object.fromEntries(r.failures.map((f) => [f.symbol, f.message]))).toEqual({
      A: 'price is not a number ("NaN")',
      B: 'no currency in the answer',
      D: 'unknown symbol: not in the provider answer',
    });
    expect(r.failures.find((f) => f.symbol === 'D')?.unknown).toBe(true);
  });
});

describe('parseChart', () => {
  const chart = (over: Record<string, unknown>) =>
    JSON.stringify({ chart: { result: [{ meta: { currency: 'GBp', exchangeTimezoneName: 'Europe/London' }, ...over }], error: null } });

  it('skips null closes but refuses all-null or mismatched arrays', () => {
    const t = [1741161600, 1741248000, 1741334400]; // 2025-03-05..07 08:00 London
    const ok = parseChart(200, chart({ timestamp: t, indicators: { quote: [{ close: [100, null, 300] }] } }), 'X.L', '2025-03-01', '2025-03-31');
    expect(ok.history.bars).toEqual([{ date: '2025-03-05', close: 1 }, { date: '2025-03-07', close: 3 }]);
    expect(() => parseChart(200, chart({ timestamp: t, indicators: { quote: [{ close: [null, null, 0] }] } }), 'X.L', '2025-03-01', '2025-03-31')).toThrow(/no valid closes/);
    expect(() => parseChart(200, chart({ timestamp: t, indicators: { quote: [{ close: [1] }] } }), 'X.L', '2025-03-01', '2025-03-31')).toThrow(/do not match/);
  });

  it('maps not found to an unknown symbol, other errors to http failures', () => {
    const nf = JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } });
    expect(() => parseChart(404, nf, 'NOPE', '2025-01-01', '2025-01-31')).toThrow(/unknown symbol \(No data found/);
    expect(() => parseChart(400, JSON.stringify({ chart: { result: null, error: { code: 'Bad Request', description: 'x' } } }), 'A', '2025-01-01', '2025-01-31')).toThrow(/HTTP 400/);
    expect(() => parseChart(200, JSON.stringify({ chart: { result: [] } }), 'A', '2025-01-01', '2025-01-31')).toThrow(/no chart result/);
  });

  it('reads the recorded no-timestamp answer as broken, and an empty range as empty', () => {
    const weird = JSON.stringify(loadFixture('chart-notimestamp-weird-quote.fake.json').body);
    expect(() => parseChart(200, weird, 'AAPL', '2020-01-01', '2020-01-02')).toThrow(/closes but no timestamps/);
    expect(parseChart(200, chart({ indicators: { quote: [{}] } }), 'X.L', '2025-03-01', '2025-03-02').history.bars).toEqual([]);
  });
});
