/**
 * Interactive Brokers Flex files from ../shared/fixtures/import/ibkr (XML, CSV with section codes,
 * CSV of one section), imported through the CLI in-process. Numbers worked out by hand from the files.
 */
import { describe, expect, it } from 'vitest';
import { home, importFixture } from '../../helpers/import-fixtures.js';

type Holding = { symbol: string; quantity: number; costBasis: number; dividends: number; realizedGain: number; accounts: { account: string; quantity: number }[] };
type Holdings = { totals: { dividends: number; taxes: number; fees: number; realizedGain: number; interest?: number; cash: number }; holdings: Holding[] };
type Tx = { date: string; type: string; symbol: string | null; quantity: number | null; price: number | null; amount: number | null; fee: number; currency: string; account: string; ratio: string | null };

const ib = (name: string) => importFixture('ibkr', name);

describe('import --from ibkr', () => {
  it('Statement of Funds + Trades: 400 GAB PRK, dividend 62.50 net of 0.73 tax after a reversal and re-charge; each event once; again adds nothing', async () => {
    const h = home();
    for (const f of ['ibkr-steuerrechner__stock_buy_long_unclosed.csv', 'ibkr-steuerrechner__dividends_ordinary.csv']) {
      const r = await h.run(['import', ib(f), '--account', 'ib']);
      expect(r.code, r.stderr).toBe(0);
    }
    const held = await h.json<Holdings>(['holdings']);
    const gab = held.holdings.find((x) => x.symbol === 'GAB-PRK') as Holding;
    // STFU BUY rows and TRNT trades share a TransactionID: kept once. 200 + 100 + 100 shares.
    expect(gab.quantity).toBe(400);
    expect(gab.costBasis).toBeCloseTo(5002 + 2456 + 2252, 9);
    expect(gab.accounts).toEqual([{ account: 'ib', quantity: 400 }]);
    // Only the Currency rows (USD) count, not their BaseCurrency (EUR) copies.
    expect(held.totals.dividends).toBeCloseTo(62.5, 9);
    expect(held.totals.taxes).toBeCloseTo(9.38 - 9.38 + 0.73, 9);
    expect(held.totals.dividends - held.totals.taxes).toBeCloseTo(61.77, 9);
    const perf = await h.json<{ dividends: number; taxes: number }>(['performance', '--period', 'MAX']);
    expect(perf.dividends).toBeCloseTo(62.5, 9);
    expect(perf.taxes).toBeCloseTo(0.73, 9);

    for (const f of ['ibkr-steuerrechner__stock_buy_long_unclosed.csv', 'ibkr-steuerrechner__dividends_ordinary.csv']) {
      const again = await h.run(['import', ib(f), '--account', 'ib']);
      expect(again.stdout).toMatch(/imported 0 transactions/);
    }
    expect(await h.json<Tx[]>(['transactions'])).toHaveLength(7);
  });

  it('a reverse split booked as removal of AMCR.OLD and delivery of AMCR: 6 shares become 1.2, sold in two lots; realized as IB reports (1.559667 + 0.381345)', async () => {
    const h = home();
    const r = await h.run(['import', ib('ibkr-steuerrechner__stock_reverse_split.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const txs = await h.json<Tx[]>(['transactions']);
    expect(txs.map((t) => [t.date, t.type, t.symbol, t.quantity ?? t.ratio])).toEqual([
      ['2025-12-16', 'buy', 'AMCR', 6],
      ['2026-01-14', 'split', 'AMCR', '1:5'],
      ['2026-01-23', 'sell', 'AMCR', 1],
      ['2026-01-23', 'sell', 'AMCR', 0.2],
    ]);
    const held = await h.json<Holdings>(['holdings']);
    expect(held.holdings).toHaveLength(0);
    // proceeds 44.04 + 8.808 - fees 0.34745225 - 0.000079; cost 50.22 + 0.33945725
    expect(held.totals.realizedGain).toBeCloseTo(44.04 + 8.808 - 0.34745225 - 0.000079 - 50.55945725, 9);
    expect(held.totals.realizedGain).toBeCloseTo(1.559667 + 0.381345, 5);
  });

  it('Flex XML with corporate actions: 1-for-25 split, tender as rename, cash merger as sell at 2.86 (CAD base)', async () => {
    const h = home('2026-06-01T12:00:00Z', 'CAD');
    const r = await h.run(['import', ib('portfolio-performance__testIBFlexStatementFile01.xml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/CashTransaction\[5\].*reversed the same day/);
    const held = await h.json<Holdings>(['holdings']);
    expect(held.holdings.map((x) => [x.symbol, x.quantity])).toEqual([
      ['FB180921C00200000', 200], // 2 contracts x multiplier 100
      ['GCM.TO', 480], // 12000 / 25
    ]);
    // 12000 UUU for 9 x ... : 900 @ 2.31 + 1100 @ 2.33 + 10000 @ 2.72 + 120 fees = 31962; sold for 34320.
    const realized = await h.json<{ totals: { realizedGain: number } }>(['holdings']);
    expect(realized.totals.realizedGain).toBeCloseTo(34320 - 31962, 6);
    const txs = await h.json<Tx[]>(['transactions']);
    expect(txs.filter((t) => t.type === 'rename').map((t) => [t.symbol, t.ratio])).toEqual([['UUU.TO', '1:1']]);
    const again = await h.run(['import', ib('portfolio-performance__testIBFlexStatementFile01.xml')]);
    expect(again.stdout).toMatch(/imported 0 transactions/);
  });

  it('Flex XML with trades, dividends, withholding tax and its refund, fees, a deposit and interest paid', async () => {
    const h = home('2026-06-01T12:00:00Z', 'USD');
    const r = await h.run(['import', ib('portfolio-performance__testIBFlexStatementFile12.xml')]);
    expect(r.code, r.stderr).toBe(0);
    const txs = await h.json<Tx[]>(['transactions']);
    expect(txs).toHaveLength(18);
    const usd = txs.filter((t) => t.symbol === 'XXXXXUSD');
    // dividends 57.19 + 26.50; tax 0.54 + 8.58 + 3.97 less the 1.99 refund
    expect(usd.filter((t) => t.type === 'dividend').reduce((s, t) => s + (t.amount ?? 0), 0)).toBeCloseTo(83.69, 9);
    const taxes = usd.reduce((s, t) => s + (t.type === 'tax' ? (t.amount ?? 0) : t.type === 'tax_refund' ? -(t.amount ?? 0) : 0), 0);
    expect(taxes).toBeCloseTo(11.1, 9);
    const held = await h.json<Holdings>(['holdings']);
    expect(held.holdings.map((x) => [x.symbol, x.quantity])).toEqual([['XXXXXCAD.TO', 400], ['XXXXXUSD', 285]]);
    expect(held.holdings.find((x) => x.symbol === 'XXXXXUSD')?.dividends).toBeCloseTo(83.69, 9);
    expect(held.holdings[0]?.accounts).toEqual([{ account: 'XXXXXUSD', quantity: 400 }]);
    // Cash per currency, from the file by hand. USD: -(5814 + 4545.5 + 1504.5 + 3 x 2 commission)
    // + 83.69 dividends - 11.10 net tax - 9.99 interest paid; CAD: -(1234 + 4) + 46 + 42.75 - 6.9 - 9;
    // EUR: 999 deposit - 2 x 1.34 fees.
    const cash = (held as unknown as { cash: { currency: string; amount: number }[] }).cash;
    expect(Object.fromEntries(cash.map((c) => [c.currency, Math.round(c.amount * 100) / 100]))).toEqual({ USD: -11807.4, CAD: -1165.15, EUR: 996.32 });
    const perf = await h.json<{ dividends: number; taxes: number; fees: number }>(['performance', '--period', 'MAX']);
    expect(perf.dividends - perf.taxes).toBeCloseTo(83.69 - 11.1, 9); // USD (base): net of withholding and its refund
    const again = await h.run(['import', ib('portfolio-performance__testIBFlexStatementFile12.xml')]);
    expect(again.stdout).toMatch(/imported 0 transactions .*18 already imported/);
    expect(await h.json<Tx[]>(['transactions'])).toHaveLength(18);
  });

  it('one-section Flex CSVs: trades (FX conversions skipped, their CHF commission kept) and cash transactions', async () => {
    const h = home();
    const t = await h.run(['import', ib('export-to-ghostfolio__ibkr-trades-export.csv')]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr).toMatch(/3 currency conversion rows skipped/);
    expect(t.stderr).toMatch(/ISIN US9220427424 kept as the symbol/);
    const d = await h.run(['import', ib('export-to-ghostfolio__ibkr-dividends-export.csv')]);
    expect(d.code, d.stderr).toBe(0);
    const held = await h.json<Holdings>(['holdings']);
    // 95 + 105 + 11 + 1 + 2 + 97 + 12 VT, 7 SMMCHA
    expect(held.holdings.map((x) => [x.symbol, x.quantity])).toEqual([['CH0111762537', 7], ['US9220427424', 323]]);
    const txs = await h.json<Tx[]>(['transactions']);
    const vt = txs.filter((x) => x.symbol === 'US9220427424');
    expect(vt.filter((x) => x.type === 'dividend').reduce((s, x) => s + (x.amount ?? 0), 0)).toBeCloseTo(137.23 + 85.97 + 169.77, 9);
    expect(vt.filter((x) => x.type === 'tax').reduce((s, x) => s + (x.amount ?? 0), 0)).toBeCloseTo(20.58 + 12.9 + 25.47, 9);
    expect(txs.filter((x) => x.type === 'fee' && x.currency === 'CHF').map((x) => x.amount)).toEqual([1.79924, 1.79802, 1.73416]);
  });

  it.each([
    ['ibkr-steuerrechner__deposit_deposit.csv', 'deposit', 5000, 'EUR'],
    ['ibkr-steuerrechner__deposit_withdrawal.csv', 'withdrawal', 3000, 'EUR'],
    ['ibkr-steuerrechner__other_fee_expense.csv', 'fee', 1.35 + 0.2565, 'EUR'],
    ['ibkr-steuerrechner__interest_credit.csv', 'interest', 6.19, 'EUR'],
    ['ibkr-steuerrechner__forex_sell_eur_buy_usd.csv', 'fee', 3.80452, 'EUR'],
    ['ibkr-steuerrechner__dividends_payment_in_lieu.csv', 'dividend', 60, 'USD'],
    ['ghostfolio__vti-buy-on-ibkr.csv', 'buy', 17 * 204.3473, 'USD'],
  ])('%s: %s of %d %s', async (file, type, amount, currency) => {
    const h = home();
    const r = await h.run(['import', ib(file)]);
    expect(r.code, r.stderr).toBe(0);
    const txs = (await h.json<Tx[]>(['transactions'])).filter((t) => t.type === type && t.currency === currency);
    expect(txs.reduce((s, t) => s + (t.amount ?? (t.quantity ?? 0) * (t.price ?? 0)), 0)).toBeCloseTo(amount, 6);
    expect((await h.run(['import', ib(file)])).stdout).toMatch(/imported 0 transactions/);
  });
});
