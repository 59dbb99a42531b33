/**
 * Rule-based full-day exchange holidays (no table to keep up to date): US (NYSE/Nasdaq), UK (LSE),
 * XETRA/Euronext. Early closes and one-off closures are not modelled.
 */
import { isoToDay, weekday } from './dates.js';

function easterSunday(y: number): number {
  // Anonymous Gregorian algorithm; returns a day number.
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNum(y, month, day);
}
export function dayNum(y: number, m: number, d: number): number {
  return isoToDay(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}
/** The n-th (1-based; -1 = last) given weekday of a month, as a day of month. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = weekday(dayNum(y, m, 1));
    return 1 + ((wd - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDom = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday(dayNum(y, m, lastDom));
  return lastDom - ((last - wd + 7) % 7);
}
/** US rule: a Saturday holiday is observed Friday, a Sunday one Monday. */
function observedUs(y: number, m: number, d: number): number {
  const n = dayNum(y, m, d);
  const w = weekday(n);
  return w === 6 ? n - 1 : w === 0 ? n + 1 : n;
}

export function usHoliday(y: number, m: number, d: number): boolean {
  const n = dayNum(y, m, d);
  const easter = easterSunday(y);
  const fixed = [observedUs(y, 1, 1), observedUs(y, 7, 4), observedUs(y, 12, 25)];
  if (y >= 2022) fixed.push(observedUs(y, 6, 19));
  if (fixed.includes(n) || n === easter - 2) return true;
  if (m === 1 && d === nthWeekday(y, 1, 1, 3)) return true; // MLK
  if (m === 2 && d === nthWeekday(y, 2, 1, 3)) return true; // Presidents' Day
  if (m === 5 && d === nthWeekday(y, 5, 1, -1)) return true; // Memorial Day
  if (m === 9 && d === nthWeekday(y, 9, 1, 1)) return true; // Labor Day
  if (m === 11 && d === nthWeekday(y, 11, 4, 4)) return true; // Thanksgiving
  return false;
}

export function ukHoliday(y: number, m: number, d: number): boolean {
  const n = dayNum(y, m, d);
  const easter = easterSunday(y);
  if (n === easter - 2 || n === easter + 1) return true;
  if (m === 5 && (d === nthWeekday(y, 5, 1, 1) || d === nthWeekday(y, 5, 1, -1))) return true;
  if (m === 8 && d === nthWeekday(y, 8, 1, -1)) return true;
  // New Year, Christmas and Boxing Day move to the next weekdays when they fall on a weekend.
  const jan1 = dayNum(y, 1, 1);
  const ny = weekday(jan1) === 6 ? jan1 + 2 : weekday(jan1) === 0 ? jan1 + 1 : jan1;
  const xmas = dayNum(y, 12, 25);
  const wx = weekday(xmas);
  const xmasObs = wx === 6 ? xmas + 2 : wx === 0 ? xmas + 2 : xmas;
  const boxObs = wx === 5 ? xmas + 3 : wx === 6 ? xmas + 3 : wx === 0 ? xmas + 1 : xmas + 1;
  return n === ny || n === xmasObs || n === boxObs;
}

export function euHoliday(y: number, m: number, d: number, xetra: boolean): boolean {
  const n = dayNum(y, m, d);
  const easter = easterSunday(y);
  if (n === easter - 2 || n === easter + 1) return true;
  if ((m === 1 && d === 1) || (m === 5 && d === 1) || (m === 12 && (d === 25 || d === 26))) return true;
  return xetra && m === 12 && (d === 24 || d === 31);
}
