import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../../src/core/dates.js';
import { periodDays, resolvePeriod, yearsBefore } from '../../src/core/periods.js';

const iso = (p: { from: number; to: number }) => ({ from: dayToIso(p.from), to: dayToIso(p.to) });
const T = isoToDay('2024-09-18'); // a Wednesday

describe('resolvePeriod', () => {
  it('resolves each named period ending on a Wednesday', () => {
    expect(iso(resolvePeriod('1D', T, null))).toEqual({ from: '2024-09-18', to: '2024-09-18' });
    expect(iso(resolvePeriod('WTD', T, null))).toEqual({ from: '2024-09-16', to: '2024-09-18' });
    expect(iso(resolvePeriod('MTD', T, null))).toEqual({ from: '2024-09-01', to: '2024-09-18' });
    expect(iso(resolvePeriod('YTD', T, null))).toEqual({ from: '2024-01-01', to: '2024-09-18' });
    expect(iso(resolvePeriod('1Y', T, null))).toEqual({ from: '2023-09-19', to: '2024-09-18' });
    expect(iso(resolvePeriod('3Y', T, null))).toEqual({ from: '2021-09-19', to: '2024-09-18' });
    expect(iso(resolvePeriod('5Y', T, null))).toEqual({ from: '2019-09-19', to: '2024-09-18' });
    expect(iso(resolvePeriod('MAX', T, isoToDay('2020-02-03')))).toEqual({ from: '2020-02-03', to: '2024-09-18' });
  });

  it('has the contract lengths T-(F-1): YTD from Dec 31, 1Y from the same date a year earlier', () => {
    expect(periodDays(resolvePeriod('1D', T, null))).toBe(1);
    expect(periodDays(resolvePeriod('YTD', T, null))).toBe(T - isoToDay('2023-12-31'));
    expect(periodDays(resolvePeriod('1Y', T, null))).toBe(366); // spans Feb 29 2024
    expect(periodDays(resolvePeriod('1Y', isoToDay('2023-06-30'), null))).toBe(365);
  });

  it('starts a week on Monday, also when today is Monday or Sunday', () => {
    expect(iso(resolvePeriod('WTD', isoToDay('2024-09-16'), null)).from).toBe('2024-09-16');
    expect(iso(resolvePeriod('WTD', isoToDay('2024-09-22'), null)).from).toBe('2024-09-16');
  });

  it('maps Feb 29 to Feb 28 in a year without one', () => {
    expect(dayToIso(yearsBefore(isoToDay('2024-02-29'), 1))).toBe('2023-02-28');
    expect(iso(resolvePeriod('1Y', isoToDay('2024-02-29'), null)).from).toBe('2023-03-01');
    expect(iso(resolvePeriod('YTD', isoToDay('2024-01-01'), null))).toEqual({ from: '2024-01-01', to: '2024-01-01' });
  });

  it('collapses MAX to one day without a ledger', () => {
    expect(iso(resolvePeriod('MAX', T, null))).toEqual({ from: '2024-09-18', to: '2024-09-18' });
  });
});
