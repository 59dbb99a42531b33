import { describe, expect, it } from 'vitest';
import { allocate, checkTargets, classOfQuoteType, countryOfListing } from '../../src/core/allocation.js';
import { indexReturn, sameMoney, totalReturnIndex } from '../../src/core/benchmark.js';
import { rebalance, type RebalanceHolding, type RebalanceInput } from '../../src/core/rebalance.js';
import { seededRandom } from '../../src/market/symbols.js';

describe('allocation groups', () => {
  it.each([
    ['EQUITY', 'equity'],
    ['ETF', 'etf'],
    ['MUTUALFUND', 'fund'],
    ['CRYPTOCURRENCY', 'crypto'],
    ['CURRENCY', 'currency'],
    [null, 'unknown'],
    ['WARRANT', 'unknown'],
  ])('quote type %s is class %s', (qt, cls) => expect(classOfQuoteType(qt)).toBe(cls));

  it.each([
    ['AAPL', 'equity', 'US'],
    ['BRK-B', 'equity', 'US'],
    ['VOD.L', 'equity', 'GB'],
    ['SAP.DE', 'equity', 'DE'],
    ['7203.T', 'equity', 'JP'],
    ['BTC-USD', 'crypto', 'unknown'],
    ['EURUSD=X', 'currency', 'unknown'],
    ['XYZ.QQQQ', 'equity', 'unknown'],
  ])('%s (%s) is listed in %s', (symbol, cls, country) => expect(countryOfListing(symbol, cls)).toBe(country));

  it('sums per key, weighs against the total and reports drift against targets', () => {
    const a = allocate(
      [
        { key: 'equity', value: 600 },
        { key: 'etf', value: 200 },
        { key: 'equity', value: 100 },
        { key: 'cash', value: 100 },
      ],
      new Map([
        ['equity', 0.6],
        ['bond', 0.2],
      ]),
    );
    expect(a.total).toBe(1000);
    expect(a.groups.map((g) => g.key)).toEqual(['equity', 'etf', 'cash', 'bond']);
    const eq = a.groups[0];
    expect(eq?.weight).toBeCloseTo(0.7, 12);
    expect(eq?.drift).toBeCloseTo(0.1, 12);
    const bond = a.groups[3];
    expect(bond).toMatchObject({ value: 0, weight: 0, target: 0.2 });
    expect(bond?.drift).toBeCloseTo(-0.2, 12);
    expect(a.groups[1]?.target).toBeNull();
    expect(a.totalDrift).toBeCloseTo(0.3, 12);
    expect(a.targeted).toBeCloseTo(0.8, 12);
  });

  it('refuses targets over 100% or outside 0..100%', () => {
    expect(checkTargets(new Map([['a', 0.8], ['b', 0.2]]))).toBeNull();
    expect(checkTargets(new Map([['a', 0.8], ['b', 0.3]]))).toMatch(/110%/);
    expect(checkTargets(new Map([['a', -0.1]]))).toMatch(/between 0 and 100%/);
  });
});

const h = (symbol: string, group: string, shares: number, price: number, fractional = false): RebalanceHolding => ({
  symbol,
  group,
  value: shares * price,
  price,
  fractional,
});

describe('rebalance', () => {
  it('puts new cash into the underweight group, whole shares, without selling', () => {
    // equity 8,000 (80 x 100), bond 1,000 (10 x 100) + 1,000 new: V = 10,000; targets 80/20:
    // bond should be 2,000, so the 1,000 buys 10 bond shares; equity is on target.
    const r = rebalance({
      holdings: [h('VTI', 'equity', 80, 100), h('BND', 'bond', 10, 100)],
      cash: 0,
      targets: new Map([
        ['equity', 0.8],
        ['bond', 0.2],
      ]),
      newCash: 1000,
      allowSell: false,
      minTrade: 0,
    });
    expect(r.trades).toEqual([{ symbol: 'BND', group: 'bond', side: 'buy', quantity: 10, amount: 1000 }]);
    expect(r.driftBefore).toBeCloseTo(0.1, 12); // with the new cash in V: bond 10% vs 20%, equity 80% vs 80%
    expect(r.driftAfter).toBeCloseTo(0, 12);
    expect(r.cashLeft).toBeCloseTo(0, 9);
  });

  it('sells the overweight group only when allowed, and buys with the proceeds', () => {
    const input: RebalanceInput = {
      holdings: [h('VTI', 'equity', 90, 100), h('BND', 'bond', 10, 100)],
      cash: 0,
      targets: new Map([
        ['equity', 0.8],
        ['bond', 0.2],
      ]),
      newCash: 0,
      allowSell: true,
      minTrade: 0,
    };
    const r = rebalance(input);
    expect(r.trades).toEqual([
      { symbol: 'VTI', group: 'equity', side: 'sell', quantity: 10, amount: 1000 },
      { symbol: 'BND', group: 'bond', side: 'buy', quantity: 10, amount: 1000 },
    ]);
    expect(r.driftAfter).toBeCloseTo(0, 12);
    const noSell = rebalance({ ...input, allowSell: false });
    expect(noSell.trades).toEqual([]);
    expect(noSell.driftAfter).toBeCloseTo(noSell.driftBefore, 12);
  });

  it('spreads a group over its holdings by value and drops trades under the minimum', () => {
    const r = rebalance({
      holdings: [h('AAA', 'equity', 30, 10), h('BBB', 'equity', 10, 10), h('BND', 'bond', 60, 10)],
      cash: 0,
      targets: new Map([
        ['equity', 0.5],
        ['bond', 0.5],
      ]),
      newCash: 200,
      allowSell: false,
      minTrade: 60,
    });
    // V = 1,200: equity needs 600 - 400 = 200, split 3:1 => AAA 150 (15 sh), BBB 50 (5 sh) < 60 dropped.
    expect(r.trades).toEqual([{ symbol: 'AAA', group: 'equity', side: 'buy', quantity: 15, amount: 150 }]);
    expect(r.cashLeft).toBeCloseTo(50, 9);
  });

  it('buys fractions where the instrument allows them, and says when a target group holds nothing', () => {
    const r = rebalance({
      holdings: [h('BTC-USD', 'crypto', 0.01, 50_000, true)],
      cash: 0,
      targets: new Map([
        ['crypto', 0.5],
        ['bond', 0.5],
      ]),
      newCash: 500,
      allowSell: false,
      minTrade: 0,
    });
    expect(r.trades).toEqual([]); // crypto is already 500 of 1,000: on target
    const more = rebalance({
      holdings: [h('BTC-USD', 'crypto', 0.01, 50_000, true)],
      cash: 0,
      targets: new Map([['crypto', 1]]),
      newCash: 333,
      allowSell: false,
      minTrade: 0,
    });
    expect(more.trades).toEqual([{ symbol: 'BTC-USD', group: 'crypto', side: 'buy', quantity: 0.00666, amount: 333 }]);
    expect(r.notes.join()).toMatch(/bond .*nothing priced is held/);
  });

  it('holds its promises on random portfolios', () => {
    const rnd = seededRandom(20261130);
    for (let run = 0; run < 400; run++) {
      const groups = ['equity', 'bond', 'etf', 'crypto'].slice(0, 1 + Math.floor(rnd() * 4));
      const holdings: RebalanceHolding[] = [];
      for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) {
        const group = groups[Math.floor(rnd() * groups.length)] as string;
        holdings.push(h(`S${k}`, group, Math.floor(rnd() * 200), 1 + rnd() * 500, group === 'crypto'));
      }
      const raw = groups.map(() => rnd());
      const sum = raw.reduce((a, b) => a + b, 0) * (rnd() < 0.5 ? 1 : 1.25);
      const targets = new Map(groups.map((g, i) => [g, (raw[i] as number) / sum]));
      if (rnd() < 0.3) targets.set('cash', Math.max(0, 1 - [...targets.values()].reduce((a, b) => a + b, 0)));
      const input: RebalanceInput = {
        holdings,
        cash: rnd() < 0.5 ? 0 : rnd() * 2000,
        targets,
        newCash: rnd() * 5000,
        allowSell: rnd() < 0.5,
        minTrade: rnd() < 0.5 ? 0 : rnd() * 300,
      };
      const r = rebalance(input);
      expect(r.driftAfter).toBeLessThanOrEqual(r.driftBefore + 1e-9);
      const buys = r.trades.filter((t) => t.side === 'buy').reduce((a, t) => a + t.amount, 0);
      const sells = r.trades.filter((t) => t.side === 'sell').reduce((a, t) => a + t.amount, 0);
      expect(buys).toBeLessThanOrEqual(input.newCash + input.cash + sells + 1e-6);
      if (!input.allowSell) {
        expect(sells).toBe(0);
        expect(buys).toBeLessThanOrEqual(input.newCash + input.cash + 1e-6);
      }
      for (const t of r.trades) {
        expect(t.amount).toBeGreaterThanOrEqual(input.minTrade - 1e-9);
        const held = holdings.find((x) => x.symbol === t.symbol) as RebalanceHolding;
        if (!held.fractional) expect(Number.isInteger(t.quantity)).toBe(true);
        if (t.side === 'sell') expect(t.quantity).toBeLessThanOrEqual(held.value / held.price + 1e-9);
      }
    }
  });
});

describe('benchmark', () => {
  it('reinvests dividends in the total-return index', () => {
    const tr = totalReturnIndex([NaN, 100, 100, 98, 99], new Map([[3, 2]]));
    expect(Number.isNaN(tr[0] as number)).toBe(true);
    expect(tr[2]).toBe(100);
    // ex-day: 98 + 2 dividend = 100 against 100 the day before: no loss for a holder.
    expect(tr[3]).toBeCloseTo(100, 12);
    expect(tr[4]).toBeCloseTo((100 * 99) / 98, 12);
    expect(indexReturn(tr, 1, 4)).toBeCloseTo(99 / 98 - 1, 12);
    expect(indexReturn(tr, 0, 4)).toBeNull();
  });

  it('same money: deposits and withdrawals buy and sell the benchmark (hand-computed)', () => {
    // Start 1,000 at the close of F-1 (price 100: 10 units); +500 on day 2 at 125 (4 units);
    // -300 on day 4 at 150 (2 units out): 12 units; T closes at 160: 1,920.
    const price = [100, 110, 125, 140, 150, 160];
    const inflow = [0, 0, 500, 0, 0, 0];
    const outflow = [0, 0, 0, 0, 300, 0];
    const r = sameMoney({ start: 20_000, startValue: 1000, inflow, outflow, price, first: 1, last: 5 });
    expect(r.reason).toBeNull();
    expect(r.endValue).toBeCloseTo(1920, 9);
    // Its IRR discounts the investor's flows to zero.
    const rate = r.irr as number;
    const pv = -1000 - 500 / Math.pow(1 + rate, 2 / 365) + 300 / Math.pow(1 + rate, 4 / 365) + 1920 / Math.pow(1 + rate, 5 / 365);
    expect(Math.abs(pv)).toBeLessThan(1e-6);
  });

  it('says why when the benchmark has no close on a day money moved', () => {
    const r = sameMoney({ start: 0, startValue: 0, inflow: [0, 100, 0], outflow: [0, 0, 0], price: [NaN, NaN, 10], first: 1, last: 2 });
    expect(r.endValue).toBeNull();
    expect(r.reason).toMatch(/no close on a day money moved/);
  });
});
