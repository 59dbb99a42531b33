import { describe, expect, it } from 'vitest';
import { dayToIso } from '../../src/core/dates.js';
import { dayNum, euHoliday, ukHoliday, usHoliday } from '../../src/core/holidays.js';

const weekdaysOf = (year: number, isHoliday: (y: number, m: number, d: number) => boolean) => {
  const out: string[] = [];
  for (let n = dayNum(year, 1, 1); n <= dayNum(year, 12, 31); n++) {
    const iso = dayToIso(n);
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const wd = new Date(n * 86_400_000).getUTCDay();
    if (wd !== 0 && wd !== 6 && isHoliday(y, m, d)) out.push(iso.slice(5));
  }
  return out;
};

describe('exchange holidays', () => {
  it('NYSE 2026', () => {
    expect(weekdaysOf(2026, usHoliday)).toEqual(['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25']);
  });
  it('NYSE 2027 (observed Juneteenth, July 4 and Christmas)', () => {
    expect(weekdaysOf(2027, usHoliday)).toEqual(['01-01', '01-18', '02-15', '03-26', '05-31', '06-18', '07-05', '09-06', '11-25', '12-24']);
  });
  it('LSE 2026 and 2027', () => {
    expect(weekdaysOf(2026, ukHoliday)).toEqual(['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28']);
    expect(weekdaysOf(2027, ukHoliday)).toEqual(['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28']);
  });
  it('XETRA 2025', () => {
    expect(weekdaysOf(2025, (y, m, d) => euHoliday(y, m, d, true))).toEqual(['01-01', '04-18', '04-21', '05-01', '12-24', '12-25', '12-26', '12-31']);
  });
});
