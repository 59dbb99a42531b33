/**
 * Ghostfolio files from ../shared/fixtures/import/ghostfolio, imported through the CLI in-process.
 * Expected numbers are worked out by hand from each file (see the comments).
 */
import { describe, expect, it } from 'vitest';
import { home, importFixture } from '../../helpers/import-fixtures.js';

type Holding = { symbol: string; quantity: number; costBasis: number; dividends: number; accounts: { account: string; quantity: number }[] };
type Holdings = { totals: { fees: number; dividends: number; taxes: number; cash: number }; holdings: Holding[] };

const gf = (name: string) => importFixture('ghostfolio', name);

describe('import --from ghostfolio', () => {
  it('imports the current export: MSFT 5 at 5 x 298.58 + 19 fee, its 5 x 0.62 dividend, the 49 fee; the 2050 draft is skipped; again adds nothing', async () => {
    const h = home();
    const r = await h.run(['import', gf('sample.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported 4 transactions/);
    expect(r.stderr).toMatch(/activities\[4\].*2050-06-06.*draft, skipped/);
    const held = await h.json<Holdings>(['holdings']);
    const msft = held.holdings.find((x) => x.symbol === 'MSFT') as Holding;
    expect(msft.quantity).toBe(5);
    expect(msft.costBasis).toBeCloseTo(1511.9, 9); // 1492.90 + 19
    expect(msft.dividends).toBeCloseTo(3.1, 9); // 5 x 0.62
    expect(msft.accounts).toEqual([{ account: 'My Online Trading Account', quantity: 5 }]);
    const flat = held.holdings.find((x) => x.symbol === 'PENTHOUSE-APARTMENT') as Holding;
    expect(flat.quantity).toBe(1);
    expect(flat.costBasis).toBe(500000);
    expect(held.totals.fees).toBeCloseTo(68, 9); // 49 account fee + 19 trading fee
    expect(held.totals.dividends).toBeCloseTo(3.1, 9);
    expect(held.totals.cash).toBe(0); // Ghostfolio has no deposits: no account tracks cash
    const perf = await h.json<{ dividends: number; fees: number; taxes: number }>(['performance', '--period', 'MAX']);
    expect(perf.dividends).toBeCloseTo(3.1, 9);
    expect(perf.fees).toBeCloseTo(68, 9);

    const again = await h.run(['import', gf('sample.json')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/imported 0 transactions .*4 already imported/);
    expect(await h.json<unknown[]>(['transactions'])).toHaveLength(4);
  });

  it('reads the older export shape (ITEM, free-text MANUAL symbols) and the export without accounts to the same positions', async () => {
    for (const file of ['legacy-2025-06__ok.json', 'without-accounts.json', 'sample.csv']) {
      const h = home();
      const r = await h.run(['import', gf(file)]);
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
      const held = await h.json<Holdings>(['holdings']);
      expect(held.holdings.map((x) => [x.symbol, x.quantity])).toEqual([['MSFT', 5], ['PENTHOUSE-APARTMENT', 1]]);
      expect(held.totals.dividends).toBeCloseTo(3.1, 9);
    }
  });

  it('maps BTCUSD to BTC-USD and ZAc prices to rand', async () => {
    const h = home();
    expect((await h.run(['import', gf('btcusd.csv')])).code).toBe(0);
    expect((await h.run(['import', gf('derived-currency.json')])).code).toBe(0);
    const txs = await h.json<{ symbol: string; price: number; currency: string }[]>(['transactions']);
    expect(txs.map((t) => [t.symbol, t.price, t.currency])).toEqual([
      ['BTC-USD', 44558.42, 'USD'],
      ['JSE.JO', 108.75, 'ZAR'], // 10875 cents
    ]);
  });

  it('imports the CHF buy and sell: realized 2 x (85.73 - 75.80)', async () => {
    const h = home('2026-06-01T12:00:00Z', 'CHF');
    expect((await h.run(['import', gf('novn-buy-and-sell.json')])).code).toBe(0);
    const txs = await h.json<unknown[]>(['transactions']);
    expect(txs).toHaveLength(2);
    const held = await h.json<{ totals: { realizedGain: number }; holdings: unknown[] }>(['holdings']);
    expect(held.holdings).toHaveLength(0);
    expect(held.totals.realizedGain).toBeCloseTo(19.86, 9);
  });

  it.each([
    ['not-ok__invalid-type-deprecated.json', /activities\[0\] \(ITEM Penthouse Apartment\): row: type ITEM is no longer/],
    ['not-ok__invalid-date-yy.csv', /invalid-date-yy\.csv:2: row: date "16\/09\/21" is not a date.*2-digit years are refused/],
    // Ghostfolio keeps splits out of its export: the sell of 10 after a 10:1 split finds 1 share.
    ['nvda-buy-with-split-and-sell.json', /activities\[0\] \(SELL NVDA\): quantity: sells 10 NVDA on 2024-06-14 but only 1 are held in account "default" then/],
    // Two sells with no buy: a short position, which the ledger does not hold.
    ['btcusd-short.json', /activities\[0\] \(SELL BTCUSD\): quantity: sells 1 BTC-USD on 2021-12-12 but only 0 are held/],
  ])('refuses %s, naming the record and the reason, and writes nothing', async (file, message) => {
    const h = home();
    const r = await h.run(['import', gf(file)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was imported/);
    expect(await h.json<unknown[]>(['transactions'])).toHaveLength(0);
  });
});
