/**
 * Trading 212 files from ../shared/fixtures/import/trading212, and Portfolio Performance CSV
 * (no real exporter output exists as a fixture: small files written here in its documented layout).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/ledger/importers/detect.js';
import { home, importFixture } from '../../helpers/import-fixtures.js';
import { readFileSync, readdirSync } from 'node:fs';

type Tx = { date: string; type: string; symbol: string | null; quantity: number | null; price: number | null; amount: number | null; fee: number; currency: string; account: string; ratio: string | null };
type Holdings = { totals: { cash: number; dividends: number; taxes: number; fees: number }; holdings: { symbol: string; quantity: number; costBasis: number; accounts: unknown[] }[] };

const t212 = (name: string) => importFixture('trading212', name);

describe('import --from trading212', () => {
  it('a buy whose Total includes the French transaction tax: cost 14.725273 x 13.88 + 0.61 = the 205.00 EUR paid', async () => {
    const h = home('2026-06-01T12:00:00Z', 'EUR');
    const r = await h.run(['import', t212('ghostfoliosidekick__BuyOrders_single_buy_euro_french_taxes.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const held = await h.json<Holdings>(['holdings']);
    expect(held.holdings[0]?.quantity).toBe(14.725273);
    expect(held.holdings[0]?.costBasis).toBeCloseTo(205.0, 2);
    expect(held.holdings[0]?.costBasis).toBeCloseTo(14.725273 * 13.88 + 0.61, 9);
  });

  it('a USD buy with a EUR conversion fee: the buy in USD, the fee its own EUR row', async () => {
    const h = home();
    expect((await h.run(['import', t212('ghostfoliosidekick__BuyOrders_single_buy_usd_time_utc.csv')])).code).toBe(0);
    const txs = await h.json<Tx[]>(['transactions']);
    expect(txs.map((t) => [t.type, t.quantity, t.price, t.amount, t.currency])).toEqual([
      ['fee', null, null, 0.02, 'EUR'],
      ['buy', 0.0267001, 453.33, null, 'USD'],
    ]);
  });

  it('cash rows: deposit 100, withdrawal 1000, interest 0.01, GBX dividend in pounds; a currency conversion is skipped', async () => {
    const h = home('2026-06-01T12:00:00Z', 'EUR');
    for (const f of ['CashTransactions_single_deposit', 'CashTransactions_single_interest', 'CashTransactions_single_convert_currencies']) {
      const r = await h.run(['import', t212(`ghostfoliosidekick__${f}.csv`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const held = await h.json<Holdings>(['holdings']);
    expect(held.totals.cash).toBeCloseTo(100.01, 9);
    const g = home();
    expect((await g.run(['import', t212('ghostfoliosidekick__CashTransactions_single_dividend_gbp.csv')])).code).toBe(0);
    const [div] = await g.json<Tx[]>(['transactions']);
    expect(div?.currency).toBe('GBP');
    expect(div?.amount).toBeCloseTo((683.566852 * 0.7) / 100, 8); // GBX is pence
    const w = home();
    expect((await w.run(['import', t212('ghostfoliosidekick__CashTransactions_single_withdrawal.csv')])).code).toBe(0);
    expect((await w.json<Tx[]>(['transactions']))[0]).toMatchObject({ type: 'withdrawal', amount: 1000, currency: 'EUR' });
  });

  it('refuses a sell with nothing held, and the edited sample whose last rows are shifted, naming each line', async () => {
    const h = home();
    const sell = await h.run(['import', t212('ghostfoliosidekick__SellOrders_single_sell_euro.csv')]);
    expect(sell.code).toBe(1);
    expect(sell.stderr).toMatch(/sell_euro\.csv:2: quantity: sells 0\.253476 US7561091049 on 2023-10-09 but only 0 are held/);
    const mixed = await h.run(['import', t212('export-to-ghostfolio__trading212-export.csv')]);
    expect(mixed.code).toBe(1);
    for (const line of [11, 12, 13, 14]) expect(mixed.stderr).toMatch(new RegExp(`trading212-export\\.csv:${line}: row: Price / share: "EOF\\d+" is not a number`));
    expect(await h.json<Tx[]>(['transactions'])).toHaveLength(0);
  });
});

describe('import --from pp', () => {
  it('German export: ; and 1.234,56, the same buy in the account and the securities file is imported once', async () => {
    const h = home('2026-06-01T12:00:00Z', 'EUR');
    const head = 'Datum;Typ;Wert;Buchungswährung;Bruttobetrag;Währung Bruttobetrag;Wechselkurs;Gebühren;Steuern;Stück;ISIN;WKN;Ticker-Symbol;Wertpapiername;Notiz';
    const account = [head, '2024-01-02T00:00;Einlage;10.000,00;EUR;;;;;;;;;;;', '2024-01-03T00:00;Kauf;-1.234,56;EUR;;;;4,56;;1.000;DE0007164600;716460;SAP.DE;SAP SE;', '2024-05-10T00:00;Dividende;170,00;EUR;;;;;30,00;1.000;DE0007164600;716460;SAP.DE;SAP SE;'].join('\r\n');
    const depot = [head, '2024-01-03T00:00;Kauf;1.234,56;EUR;;;;4,56;;1.000;DE0007164600;716460;SAP.DE;SAP SE;'].join('\r\n');
    const a = join(h.dir, 'Konto.csv');
    const d = join(h.dir, 'Depot.csv');
    writeFileSync(a, account);
    writeFileSync(d, depot);
    expect((await h.run(['import', a])).code).toBe(0);
    const again = await h.run(['import', d]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/imported 0 transactions .*1 already imported/);
    const txs = await h.json<Tx[]>(['transactions']);
    const buy = txs.find((t) => t.type === 'buy') as Tx;
    expect(buy.quantity).toBe(1000); // "1.000" is one thousand
    expect(buy.price).toBeCloseTo(1.23, 9); // (1234.56 - 4.56) / 1000
    expect(buy.fee).toBeCloseTo(4.56, 9);
    const held = await h.json<Holdings>(['holdings']);
    expect(held.totals.dividends).toBeCloseTo(200, 9); // net 170 + 30 tax
    expect(held.totals.taxes).toBeCloseTo(30, 9);
    expect(held.totals.cash).toBeCloseTo(10000 - 1234.56 + 170, 9);
  });

  it('English export: quoted "1,234.56" values', async () => {
    const h = home();
    const f = join(h.dir, 'Broker.csv');
    writeFileSync(f, ['Date,Type,Value,Transaction Currency,Gross Amount,Currency Gross Amount,Exchange Rate,Fees,Taxes,Shares,ISIN,WKN,Ticker Symbol,Security Name,Note', '2024-01-03T00:00,Buy,"-2,001.00",USD,,,,1.00,,10,US0378331005,,AAPL,Apple,'].join('\n'));
    expect((await h.run(['import', f, '--from', 'pp'])).code).toBe(0);
    expect((await h.json<Tx[]>(['transactions']))[0]).toMatchObject({ type: 'buy', symbol: 'AAPL', quantity: 10, price: 200, fee: 1, account: 'pp' });
  });
});

describe('format detection', () => {
  it('recognises every sample by its content', () => {
    const expected: Record<string, string> = { ghostfolio: 'ghostfolio', ibkr: 'ibkr', trading212: 'trading212' };
    for (const dir of Object.keys(expected)) {
      for (const f of readdirSync(importFixture(dir))) {
        const text = readFileSync(importFixture(dir, f), 'utf8');
        // Ghostfolio's CSV format accepts IBKR's Trades columns; that file is IBKR's own.
        expect([f, detectFormat(text)]).toEqual([f, expected[dir]]);
      }
    }
    expect(detectFormat('date,type,amount\n2024-01-02,deposit,100\n')).toBe('portfolio');
  });
});
