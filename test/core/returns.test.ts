import { describe, expect, it } from 'vitest';
import { isoToDay } from '../../src/core/dates.js';
import { annualize, chainTwr, xirr } from '../../src/core/returns.js';

const d = isoToDay;

describe('xirr', () => {
  it("matches Portfolio Performance's IRR test: -200 on 2010-01-01, +210 on 2010-12-31", () => {
    const r = xirr([d('2010-01-01'), d('2010-12-31')], [-200, 210]);
    expect(r.reason).toBeNull();
    // Closed form: 1.05^(365/364) - 1 = 0.0501407503. PP's test expects 0.050140747 within its solver's
    // tolerance (1e-8), which the exact root also meets.
    expect(r.rate).toBeCloseTo(Math.pow(1.05, 365 / 364) - 1, 12);
    expect(Math.abs((r.rate as number) - 0.050140747)).toBeLessThan(1e-8);
  });

  it("matches hledger's roi test when the end value is dated at hledger's exclusive end 2018-01-01", () => {
    // 100 in on 2017-01-01 and 2017-06-01, worth 220 "at the end of 2017". hledger dates that value
    // on its exclusive report end (2018-01-01) and prints 12.72%.
    const r = xirr([d('2017-01-01'), d('2017-06-01'), d('2018-01-01')], [-100, -100, 220]);
    expect(r.rate).not.toBeNull();
    expect((r.rate as number) * 100).toBeCloseTo(12.72, 2);
    // Our contract dates the end value at the close of T = 2017-12-31: one day shorter, a higher rate.
    const ours = xirr([d('2017-01-01'), d('2017-06-01'), d('2017-12-31')], [-100, -100, 220]);
    expect(ours.rate as number).toBeGreaterThan(r.rate as number);
    expect((ours.rate as number) * 100).toBeCloseTo(12.76, 1);
  });

  it('checks itself: the rate it returns discounts the flows to zero', () => {
    const days = [0, 40, 200, 365, 800];
    const amounts = [-1000, -500, 300, -200, 1800];
    const r = xirr(days, amounts);
    const rate = r.rate as number;
    const npv = amounts.reduce((s, a, k) => s + a / Math.pow(1 + rate, (days[k] as number) / 365), 0);
    expect(Math.abs(npv)).toBeLessThan(1e-8);
  });

  it('finds deep losses and huge gains where Newton from 10% struggles', () => {
    const loss = xirr([0, 365], [-100, 0.5]);
    expect(loss.rate).toBeCloseTo(-0.995, 9);
    const gain = xirr([0, 30], [-1, 50]);
    expect(gain.rate as number).toBeCloseTo(Math.pow(50, 365 / 30) - 1, -10);
    expect(gain.rate as number).toBeGreaterThan(1e19);
  });

  it('finds the enormous annual rate of a short period', () => {
    const r = xirr([0, 1], [-100, 150]);
    expect(r.reason).toBeNull();
    expect((r.rate as number) / (Math.pow(1.5, 365) - 1)).toBeCloseTo(1, 9);
    // Halving in two days: 1+r = 0.5^182.5 ~ 4e-55, which is -100% to float precision, not "no rate".
    const down = xirr([0, 2], [-100, 50]);
    expect(down.reason).toBeNull();
    expect(down.rate).toBeCloseTo(-1, 12);
    const week = xirr([0, 7], [-100, 97]);
    expect(Math.log1p(week.rate as number)).toBeCloseTo((365 / 7) * Math.log(0.97), 9);
  });

  it('answers null with a reason where no rate exists', () => {
    expect(xirr([0, 10], [-100, -5])).toMatchObject({ rate: null });
    expect(xirr([0, 10], [-100, -5]).reason).toMatch(/same sign/);
    expect(xirr([5, 5], [-100, 110]).reason).toMatch(/one day/);
    expect(xirr([], []).reason).toMatch(/no cash flows/);
  });
});

describe('chainTwr', () => {
  it('counts an inflow at the start of its day', () => {
    // Day 0 closes at 100. Day 1: 50 deposited, close 165 -> 165/150 = +10%. Day 2: close 181.5 -> +10%.
    const value = [100, 165, 181.5];
    const inflow = [0, 50, 0];
    const outflow = [0, 0, 0];
    expect(chainTwr(value, inflow, outflow, 1, 2)).toBeCloseTo(1.1 * 1.1 - 1, 12);
  });

  it('counts an outflow at the end of its day', () => {
    // Day 1: grows 100 -> 110, then 60 withdrawn at the close: value 50. Day 2: 50 -> 45.
    const value = [100, 50, 45];
    expect(chainTwr(value, [0, 0, 0], [0, 60, 0], 1, 2)).toBeCloseTo(1.1 * 0.9 - 1, 12);
  });

  it('gives no return to a day that starts with nothing invested', () => {
    expect(chainTwr([0, 0, 100, 120], [0, 0, 100, 0], [0, 0, 0, 0], 0, 3)).toBeCloseTo(0.2, 12);
  });

  it('gives no return to a fee paid before anything is held (Ghostfolio sample: not -100%)', () => {
    // Day 1: a 5 fee in an account without cash is money in, and nothing is held before or after.
    expect(chainTwr([0, 0, 100, 120], [0, 5, 100, 0], [0, 0, 0, 0], 0, 3)).toBeCloseTo(0.2, 12);
    // A round trip on one day with nothing held before or after still counts: bought 100, sold 110.
    expect(chainTwr([0, 0, 0], [0, 100, 0], [0, 110, 0], 0, 2)).toBeCloseTo(0.1, 12);
  });
});

describe('annualize', () => {
  it('uses (1+twr)^(365/days) - 1', () => {
    expect(annualize(0.21, 730)).toBeCloseTo(0.1, 12);
    expect(annualize(0.05, 365)).toBeCloseTo(0.05, 12);
    expect(annualize(0.1, 0)).toBeNull();
    expect(annualize(-1, 30)).toBe(-1);
  });
});
