import { describe, expect, it } from 'vitest';
import { openPositions, trackedSymbols } from '../../src/jobs/symbols.js';
import { openDb } from '../../src/store/db.js';
import { addAlert } from '../../src/store/alerts.js';
import { insertTransactions } from '../../src/store/transactions.js';
import type { NewTransaction } from '../../src/core/types.js';

const tx = (type: NewTransaction['type'], symbol: string, quantity: number | null, currency = 'USD', ratio: string | null = null): NewTransaction => ({
  date: '2025-01-06', type, symbol, quantity, price: type === 'split' ? null : 10, amount: null, fee: 0, currency, account: 'default', note: null, ratio,
});

describe('tracked symbols', () => {
  it('quotes follow open positions (through splits), history every symbol ever held, plus alerts and FX pairs', () => {
    const db = openDb(':memory:');
    insertTransactions(db, [
      tx('buy', 'AAPL', 10),
      tx('buy', 'TSLA', 5),
      tx('sell', 'TSLA', 5),
      tx('buy', 'NVDA', 1),
      tx('split', 'NVDA', null, 'USD', '10:1'),
      tx('sell', 'NVDA', 9.5),
      tx('buy', 'VOD.L', 100, 'GBP'),
    ]);
    addAlert(db, { symbol: 'MSFT', kind: 'above', threshold: 500 });
    expect([...openPositions(db)].sort()).toEqual(['AAPL', 'NVDA', 'VOD.L']);
    expect(trackedSymbols(db, 'USD', { open: true }).map((s) => s.symbol)).toEqual(['AAPL', 'NVDA', 'VOD.L', 'MSFT', 'GBPUSD=X']);
    expect(trackedSymbols(db, 'USD').map((s) => s.symbol)).toEqual(['AAPL', 'NVDA', 'TSLA', 'VOD.L', 'MSFT', 'GBPUSD=X']);
    expect(trackedSymbols(db, 'GBP', { open: true }).map((s) => s.symbol)).toContain('USDGBP=X');
  });
});
