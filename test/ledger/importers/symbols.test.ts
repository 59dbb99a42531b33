import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIbkr } from '../../../src/ledger/importers/ibkr.js';
import { ghostfolioToYahoo, ibToYahoo } from '../../../src/ledger/importers/symbols.js';
import { stringText } from '../../../src/ledger/importers/text-source.js';
import type { IsinAnswer } from '../../../src/ledger/importers/types.js';
import { importFixture } from '../../helpers/import-fixtures.js';

describe('symbol mapping', () => {
  it('IB symbol and listing exchange to Yahoo', () => {
    expect(ibToYahoo('VOD', 'LSE')).toBe('VOD.L');
    expect(ibToYahoo('SAP', 'IBIS')).toBe('SAP.DE');
    expect(ibToYahoo('BRK B', 'NYSE')).toBe('BRK-B');
    expect(ibToYahoo('GCM.OLD', 'TSE')).toBe('GCM.TO');
    expect(ibToYahoo('7203', 'TSEJ')).toBe('7203.T');
    expect(ibToYahoo('4543.T', undefined)).toBe('4543.T');
    expect(ibToYahoo('AAPL', 'NASDAQ')).toBe('AAPL');
  });

  it("Ghostfolio's crypto and FX forms", () => {
    expect(ghostfolioToYahoo('BTCUSD', 'YAHOO')).toBe('BTC-USD');
    expect(ghostfolioToYahoo('USDCHF', 'YAHOO')).toBe('USDCHF=X');
    expect(ghostfolioToYahoo('MSFT', 'YAHOO')).toBe('MSFT');
  });

  it('ISINs are looked up once per file, all together, and replace the ISIN and its warning', async () => {
    const text = stringText(readFileSync(importFixture('ibkr', 'export-to-ghostfolio__ibkr-trades-export.csv'), 'utf8'), 512);
    const offline = parseIbkr(text, false, { today: '2026-01-01' });
    await all(offline.records);
    expect(offline.warnings.filter((w) => /ISIN US9220427424 kept as the symbol: no lookup was made \(offline\).*--isin ISIN=SYMBOL/.test(w))).toHaveLength(7);
    const asked: string[][] = [];
    const table: Record<string, IsinAnswer> = { US9220427424: { symbol: 'VT' }, CH0111762537: { symbol: 'SMMCHA.SW' } };
    const online = parseIbkr(text, false, {
      today: '2026-01-01',
      lookupIsins: async (isins) => {
        asked.push([...isins].sort());
        return new Map(isins.map((i) => [i, table[i] ?? { problem: 'no listing found' }]));
      },
    });
    const rows = await all(online.records);
    expect(asked).toEqual([['CH0111762537', 'US9220427424']]);
    expect(online.warnings.some((w) => /kept as the symbol/.test(w))).toBe(false);
    expect(rows.filter((r) => r.cells?.type === 'buy').map((r) => r.cells?.symbol)).toEqual(['SMMCHA.SW', 'VT', 'VT', 'VT', 'VT', 'VT', 'VT', 'VT']);
  });
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
