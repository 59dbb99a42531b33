import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIbkr } from '../../../src/ledger/importers/ibkr.js';
import { ghostfolioToYahoo, ibToYahoo } from '../../../src/ledger/importers/symbols.js';
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

  it('an injected ISIN resolver replaces the ISIN and its warning', () => {
    const text = readFileSync(importFixture('ibkr', 'export-to-ghostfolio__ibkr-trades-export.csv'), 'utf8');
    const offline = parseIbkr(text, false, { today: '2026-01-01' });
    expect(offline.warnings.filter((w) => /ISIN US9220427424 kept as the symbol/.test(w))).toHaveLength(7);
    const online = parseIbkr(text, false, { today: '2026-01-01', resolveIsin: (isin) => ({ US9220427424: 'VT', CH0111762537: 'SMMCHA.SW' })[isin] ?? null });
    expect(online.warnings.some((w) => /kept as the symbol/.test(w))).toBe(false);
    expect(online.records.filter((r) => r.cells?.type === 'buy').map((r) => r.cells?.symbol)).toEqual(['SMMCHA.SW', 'VT', 'VT', 'VT', 'VT', 'VT', 'VT', 'VT']);
  });
});
