import { describe, expect, it } from 'vitest';
import { addMonths, termOf } from '../../src/core/holding-period.js';
import { realizeLots, saleGain, saleGainBase, type LotTx } from '../../src/core/lots.js';

let nextId = 1;
function t(p: Partial<LotTx> & Pick<LotTx, 'date' | 'type'>): LotTx {
  return { id: nextId++, symbol: 'X', quantity: null, price: null, amount: null, fee: 0, currency: 'USD', account: 'a', note: null, ratio: null, ...p };
}
const total = (e: ReturnType<typeof realizeLots>) => e.sales.reduce((a, s) => a + saleGain(s), 0);

describe('lot engine: independent worked examples', () => {
  // Portfolio Performance, CapitalGainsCalculationTest.testFifoBuySellTransactions2
  // (name.abuchen.portfolio.tests/.../snapshot/security/CapitalGainsCalculationTest.java):
  // buy 109 for 3149.20, buy 52 for 1684.92, sell 15 for 531.50.
  // FIFO: 531.5 - 3149.20 * 15/109 = 98.12; moving average: 531.5 - (3149.20 + 1684.92) * 15/161 = 81.12.
  const pp = () => [
    t({ date: '2010-01-01', type: 'buy', quantity: 109, price: 3149.2 / 109 }),
    t({ date: '2010-02-01', type: 'buy', quantity: 52, price: 1684.92 / 52 }),
    t({ date: '2010-03-01', type: 'sell', quantity: 15, price: 531.5 / 15 }),
  ];
  it('Portfolio Performance FIFO and moving average', () => {
    const fifo = realizeLots(pp(), { method: 'fifo' });
    expect(total(fifo)).toBeCloseTo(98.1238532110092, 8);
    expect(fifo.sales).toHaveLength(1);
    expect(fifo.sales[0]?.acquired).toBe('2010-01-01');
    expect(total(realizeLots(pp(), { method: 'avg' }))).toBeCloseTo(81.116149068323, 8);
  });

  // Portfolio Performance, CapitalGainsCalculationTest.testFifoBuySellTransactions3: a USD security
  // in a EUR portfolio; buys of 5000 USD at 0.90 and 3000 USD at 0.85, sale of 50 for 3500 USD at
  // 0.88. Base currency: FIFO 3080 - 4500/2 = 830; moving average 3080 - (4500 + 2550)/3 = 730.
  it('Portfolio Performance FIFO and moving average with each leg at its own FX', () => {
    const rates: Record<string, number> = { '2024-01-01': 0.9, '2024-02-01': 0.85, '2024-03-01': 0.88 };
    const rateAt = (_c: string, d: string) => rates[d] as number;
    const txs = () => [
      t({ date: '2024-01-01', type: 'buy', quantity: 100, price: 50 }),
      t({ date: '2024-02-01', type: 'buy', quantity: 50, price: 60 }),
      t({ date: '2024-03-01', type: 'sell', quantity: 50, price: 70 }),
    ];
    const fifo = realizeLots(txs(), { method: 'fifo', rateAt });
    expect(fifo.sales.reduce((a, s) => a + saleGainBase(s), 0)).toBeCloseTo(830, 9);
    expect(fifo.sales.reduce((a, s) => a + saleGain(s), 0)).toBeCloseTo(1000, 9); // native: 3500 - 2500
    const avg = realizeLots(txs(), { method: 'avg', rateAt });
    expect(avg.sales.reduce((a, s) => a + saleGainBase(s), 0)).toBeCloseTo(730, 9);
  });

  // Ghostfolio, portfolio-calculator-novn-buy-and-sell.spec.ts: 2 NOVN.SW bought at 75.8 on
  // 2022-03-07, both sold for 171.46 on 2022-04-08: net performance 19.86.
  it('Ghostfolio NOVN buy and sell', () => {
    const e = realizeLots([
      t({ date: '2022-03-07', type: 'buy', symbol: 'NOVN.SW', quantity: 2, price: 75.8, currency: 'CHF' }),
      t({ date: '2022-04-08', type: 'sell', symbol: 'NOVN.SW', quantity: 2, price: 85.73, currency: 'CHF' }),
    ], { method: 'fifo' });
    expect(total(e)).toBeCloseTo(19.86, 9);
    expect(e.sales[0]?.term).toBe('short');
    expect(e.sales[0]?.holdingDays).toBe(32);
  });

  // Ghostfolio, portfolio-calculator-baln-buy-and-sell-in-two-activities.spec.ts: 2 BALN.SW at
  // 142.9 (fee 1.55), sold 1 at 136.6 (fee 1.65) and 1 at 136.6 (no fee) the same day: -15.8.
  it('Ghostfolio BALN buy and sell in two activities, under both methods', () => {
    for (const method of ['fifo', 'avg'] as const) {
      const e = realizeLots([
        t({ date: '2021-11-22', type: 'buy', quantity: 2, price: 142.9, fee: 1.55, currency: 'CHF' }),
        t({ date: '2021-11-30', type: 'sell', quantity: 1, price: 136.6, fee: 1.65, currency: 'CHF' }),
        t({ date: '2021-11-30', type: 'sell', quantity: 1, price: 136.6, currency: 'CHF' }),
      ], { method });
      expect(total(e)).toBeCloseTo(-15.8, 9);
      expect(e.sales.map((s) => s.proceeds)).toEqual([134.95, 136.6].map((x) => expect.closeTo(x, 9)));
    }
  });

  // Ghostfolio, portfolio-calculator-nvda-buy-with-split-and-sell.spec.ts: NVDA bought before a
  // 10:1 split (split-adjusted 10 at 120), 10 sold at 125: gross performance 10 x (125 - 120) = 50.
  it('Ghostfolio NVDA buy, 10:1 split, sell', () => {
    const e = realizeLots([
      t({ date: '2024-06-03', type: 'buy', symbol: 'NVDA', quantity: 1, price: 1200 }),
      t({ date: '2024-06-10', type: 'split', symbol: 'NVDA', ratio: '10:1' }),
      t({ date: '2024-06-14', type: 'sell', symbol: 'NVDA', quantity: 10, price: 125 }),
    ], { method: 'fifo' });
    expect(total(e)).toBeCloseTo(50, 9);
    expect(e.sales[0]?.acquired).toBe('2024-06-03');
    expect(e.held('NVDA')).toBe(0);
  });

  it('multiple splits keep fractional precision and sell out to zero', () => {
    const e = realizeLots([
      t({ date: '2020-01-01', type: 'buy', quantity: 3, price: 100 }),
      t({ date: '2020-02-01', type: 'split', ratio: '3:2' }),
      t({ date: '2020-03-01', type: 'split', ratio: '1:3' }),
      t({ date: '2020-04-01', type: 'split', ratio: '7:1' }),
      t({ date: '2020-05-01', type: 'sell', quantity: 10.5, price: 30 }),
    ], { method: 'fifo' });
    expect(e.sales).toHaveLength(1);
    expect(total(e)).toBeCloseTo(15, 9);
    expect(e.held('X')).toBe(0);
  });

  it('FIFO consumes lots oldest first across a sale spanning three lots, one row per lot with its term', () => {
    const e = realizeLots([
      t({ date: '2022-01-10', type: 'buy', quantity: 10, price: 10 }),
      t({ date: '2023-01-10', type: 'buy', quantity: 10, price: 20, fee: 5 }),
      t({ date: '2023-06-01', type: 'buy', quantity: 10, price: 30 }),
      t({ date: '2024-01-10', type: 'sell', quantity: 25, price: 40, fee: 10 }),
    ], { method: 'fifo' });
    expect(e.sales.map((s) => [s.acquired, s.quantity, s.term])).toEqual([
      ['2022-01-10', 10, 'long'],
      ['2023-01-10', 10, 'short'], // sold on the anniversary: not more than one year
      ['2023-06-01', 5, 'short'],
    ]);
    expect(e.sales.map((s) => s.cost)).toEqual([100, 205, 150]);
    expect(e.sales.map((s) => s.proceeds)).toEqual([396, 396, 198]);
    const avg = realizeLots(e.sales.length ? [
      t({ date: '2022-01-10', type: 'buy', quantity: 10, price: 10 }),
      t({ date: '2023-01-10', type: 'buy', quantity: 10, price: 20, fee: 5 }),
      t({ date: '2023-06-01', type: 'buy', quantity: 10, price: 30 }),
      t({ date: '2024-01-10', type: 'sell', quantity: 25, price: 40, fee: 10 }),
    ] : [], { method: 'avg' });
    // Average cost 605/30 per share; rows split by term (10 long, 15 short), acquired null.
    expect(avg.sales.map((s) => [s.term, s.quantity, s.acquired])).toEqual([['short', 15, null], ['long', 10, null]]);
    expect(total(avg)).toBeCloseTo(990 - (605 * 25) / 30, 9);
  });
});

describe('lot engine: transfers, renames, spin-offs (hand-checked)', () => {
  it('a transfer moves lots with their dates and cost and realizes nothing', () => {
    const e = realizeLots([
      t({ date: '2020-01-01', type: 'buy', quantity: 10, price: 10, account: 'a' }),
      t({ date: '2021-01-01', type: 'buy', quantity: 10, price: 20, account: 'a' }),
      t({ date: '2021-06-01', type: 'transfer', quantity: 15, account: 'a', toAccount: 'b' }),
      t({ date: '2021-07-01', type: 'sell', quantity: 15, price: 30, account: 'b' }),
    ], { method: 'fifo' });
    expect(e.sales.map((s) => [s.account, s.acquired, s.quantity, s.cost, s.term])).toEqual([
      ['b', '2020-01-01', 10, 100, 'long'],
      ['b', '2021-01-01', 5, 100, 'short'],
    ]);
    expect(e.openBooks().map((b) => [b.account, b.quantity, b.cost])).toEqual([['a', 5, 100]]);
  });

  it('a rename carries lots to the new symbol with the ratio applied, dates kept', () => {
    const e = realizeLots([
      t({ date: '2020-01-01', type: 'buy', symbol: 'FB', quantity: 10, price: 100 }),
      t({ date: '2022-06-09', type: 'rename', symbol: 'FB', toSymbol: 'META', ratio: '2:1' }),
      t({ date: '2022-07-01', type: 'sell', symbol: 'META', quantity: 20, price: 60 }),
    ], { method: 'fifo' });
    expect(e.sales.map((s) => [s.symbol, s.acquired, s.quantity, s.cost, saleGain(s), s.term])).toEqual([['META', '2020-01-01', 20, 1000, 200, 'long']]);
    expect(e.held('FB')).toBe(0);
  });

  it('a spin-off moves the fraction of each lot\'s cost to the new shares, same dates', () => {
    // 100 P bought for 1000 and 50 for 1000; 1 C per 2 P held, 20% of the cost to C.
    for (const method of ['fifo', 'avg'] as const) {
      const e = realizeLots([
        t({ date: '2020-01-01', type: 'buy', symbol: 'P', quantity: 100, price: 10 }),
        t({ date: '2020-06-01', type: 'buy', symbol: 'P', quantity: 50, price: 20 }),
        t({ date: '2021-01-01', type: 'spinoff', symbol: 'P', toSymbol: 'C', ratio: '1:2', fraction: 0.2 }),
        t({ date: '2021-02-01', type: 'sell', symbol: 'C', quantity: 75, price: 10 }),
        t({ date: '2021-02-01', type: 'sell', symbol: 'P', quantity: 150, price: 20 }),
      ], { method });
      const c = e.sales.filter((s) => s.symbol === 'C');
      const p = e.sales.filter((s) => s.symbol === 'P');
      expect(c.reduce((a, s) => a + s.cost, 0)).toBeCloseTo(400, 9);
      expect(p.reduce((a, s) => a + s.cost, 0)).toBeCloseTo(1600, 9);
      if (method === 'fifo') expect(c.map((s) => [s.acquired, s.quantity, s.cost])).toEqual([['2020-01-01', 50, 200], ['2020-06-01', 25, 200]]);
      expect(total(e)).toBeCloseTo(750 + 3000 - 2000, 9);
    }
  });

  it('flags an oversell and still realizes its proceeds', () => {
    const e = realizeLots([t({ date: '2020-01-01', type: 'buy', quantity: 1, price: 10 }), t({ date: '2020-02-01', type: 'sell', quantity: 2, price: 10 })], { method: 'fifo' });
    expect(e.problems).toHaveLength(1);
    expect(total(e)).toBeCloseTo(10, 9);
  });
});

describe('holding period', () => {
  it('is long only after the anniversary; month ends clamp', () => {
    expect(termOf('2023-03-15', '2024-03-15')).toBe('short');
    expect(termOf('2023-03-15', '2024-03-16')).toBe('long');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(termOf('2024-02-29', '2025-03-01')).toBe('long');
    expect(termOf('2024-01-31', '2024-08-01', 6)).toBe('long');
  });
});

describe('differential: FIFO and average cost agree once every position is closed', () => {
  it('on 200 random ledgers', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 200; n++) {
      const txs: LotTx[] = [];
      const held = new Map<string, number>();
      let day = Date.UTC(2015, 0, 1) / 86_400_000;
      for (let k = 0; k < 40; k++) {
        day += 1 + Math.floor(rnd() * 30);
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const symbol = ['A', 'B', 'C'][Math.floor(rnd() * 3)] as string;
        const account = rnd() < 0.5 ? 'x' : 'y';
        const key = `${account}/${symbol}`;
        const h = held.get(key) ?? 0;
        const r = rnd();
        if (r < 0.5 || h === 0) {
          const q = Math.round(rnd() * 1000) / 10 + 0.1;
          txs.push(t({ date, type: 'buy', symbol, account, quantity: q, price: 1 + rnd() * 100, fee: rnd() * 2 }));
          held.set(key, h + q);
        } else if (r < 0.8) {
          const q = Math.min(h, Math.round(rnd() * h * 100) / 100);
          if (q > 0) txs.push(t({ date, type: 'sell', symbol, account, quantity: q, price: 1 + rnd() * 100, fee: rnd() * 2 }));
          held.set(key, h - q);
        } else if (r < 0.9) {
          txs.push(t({ date, type: 'split', symbol, ratio: rnd() < 0.5 ? '2:1' : '1:4' }));
          for (const [k2, v] of held) if (k2.endsWith(`/${symbol}`)) held.set(k2, v * (txs.at(-1)?.ratio === '2:1' ? 2 : 0.25));
        } else {
          txs.push(t({ date, type: 'transfer', symbol, account, toAccount: account === 'x' ? 'y' : 'x', quantity: h }));
          held.set(key, 0);
          const other = `${account === 'x' ? 'y' : 'x'}/${symbol}`;
          held.set(other, (held.get(other) ?? 0) + h);
        }
      }
      const end = '2030-01-01';
      for (const [key, q] of held) {
        const [account, symbol] = key.split('/') as [string, string];
        if (q > 0) txs.push(t({ date: end, type: 'sell', symbol, account, quantity: q, price: 50 }));
      }
      const fifo = realizeLots(txs, { method: 'fifo' });
      const avg = realizeLots(txs, { method: 'avg' });
      expect(fifo.problems).toEqual([]);
      expect(fifo.openBooks()).toEqual([]);
      expect(total(avg)).toBeCloseTo(total(fifo), 6);
      // The same shares are sold: total quantities agree too.
      const qty = (e: typeof fifo) => e.sales.reduce((a, s) => a + s.quantity, 0);
      expect(qty(avg)).toBeCloseTo(qty(fifo), 6);
    }
  });
});
