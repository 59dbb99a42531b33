import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../../src/core/dates.js';
import { loadTracks, parseTrack, withLastBefore } from '../../src/returns/load.js';
import { setManualCloses } from '../../src/store/prices.js';
import { addCloses, tempDb } from './helpers.js';

describe('parseTrack', () => {
  it('parses dates across months, years and leap days into day numbers', () => {
    const dates = ['2023-12-29', '2024-01-02', '2024-02-29', '2024-03-01', '2025-01-01'];
    const t = parseTrack(dates.join(','), '1,2,3,4,5');
    expect(Array.from(t.days, dayToIso)).toEqual(dates);
  });

  it('gives exactly what Number() gives for every close, including exponents and long digits', () => {
    const closes: string[] = [];
    let s = 12345;
    for (let i = 0; i < 2000; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const v = (s / 2147483648) * Math.pow(10, (i % 9) - 3);
      closes.push(String(i % 7 === 0 ? v.toFixed(2) : v));
    }
    closes.push('1e-7', '123456789.123456789', '-3.5', '0', '42');
    const dates = closes.map((_, i) => dayToIso(isoToDay('2000-01-01') + i));
    const t = parseTrack(dates.join(','), closes.join(','));
    expect(Array.from(t.values)).toEqual(closes.map(Number));
  });

  it('sorts when the concatenation came out of order', () => {
    const t = parseTrack('2024-01-03,2024-01-02', '3,2');
    expect(Array.from(t.days, dayToIso)).toEqual(['2024-01-02', '2024-01-03']);
    expect(Array.from(t.values)).toEqual([2, 3]);
  });
});

describe('loadTracks', () => {
  it('reads effective closes (a manual close wins) within bounds, and the last close before a window', () => {
    const { db } = tempDb();
    addCloses(db, [
      ['AAA', '2024-01-02', 10],
      ['AAA', '2024-01-03', 11],
      ['AAA', '2024-01-05', 12],
      ['BBB', '2024-01-04', 5],
    ]);
    setManualCloses(db, [{ symbol: 'AAA', date: '2024-01-03', close: 11.5 }]);
    const all = loadTracks(db, ['AAA', 'BBB', 'NONE'], '2024-01-04');
    expect(Array.from(all.get('AAA')?.values ?? [])).toEqual([10, 11.5]);
    expect(all.has('NONE')).toBe(false);
    const window = loadTracks(db, ['AAA', 'BBB'], '2024-01-31', '2024-01-04');
    withLastBefore(db, window, ['AAA', 'BBB'], '2024-01-04');
    expect(Array.from(window.get('AAA')?.days ?? [], dayToIso)).toEqual(['2024-01-03', '2024-01-05']);
    expect(Array.from(window.get('AAA')?.values ?? [])).toEqual([11.5, 12]);
    expect(Array.from(window.get('BBB')?.values ?? [])).toEqual([5]);
  });
});
