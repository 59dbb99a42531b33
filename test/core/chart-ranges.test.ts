import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../../src/core/dates.js';
import { chartStart, monthsBefore, resolveRange } from '../../src/core/periods.js';
import { rangeStart } from '../../src/ui/chart-data.js';

const start = (range: Parameters<typeof chartStart>[0], today: string): string | undefined => {
  const d = chartStart(range, isoToDay(today));
  return d === undefined ? undefined : dayToIso(d);
};

describe('chart ranges: the first day shown is the start value (the close of F-1)', () => {
  it.each([
    // range, today, first day shown
    ['YTD', '2025-06-15', '2024-12-31'],
    ['YTD', '2025-01-01', '2024-12-31'],
    ['YTD', '2024-12-31', '2023-12-31'],
    ['1M', '2025-03-31', '2025-02-28'], // not 03-03: no month overflow
    ['1M', '2024-03-31', '2024-02-29'], // leap year
    ['1M', '2025-03-30', '2025-02-28'],
    ['1M', '2025-03-28', '2025-02-28'],
    ['1M', '2025-01-31', '2024-12-31'],
    ['1M', '2025-05-31', '2025-04-30'],
    ['3M', '2025-05-31', '2025-02-28'],
    ['3M', '2024-05-31', '2024-02-29'],
    ['6M', '2024-08-31', '2024-02-29'],
    ['6M', '2025-08-31', '2025-02-28'],
    ['1Y', '2024-02-29', '2023-02-28'],
    ['1Y', '2025-02-28', '2024-02-28'],
    ['1Y', '2024-09-18', '2023-09-18'],
    ['5Y', '2024-02-29', '2019-02-28'],
  ] as const)('%s ending %s starts on %s', (range, today, want) => {
    expect(start(range, today)).toBe(want);
    // The dashboard asks the same definition.
    expect(rangeStart(range, new Date(`${today}T15:00:00Z`))).toBe(want);
  });

  it('MAX has no start', () => {
    expect(start('MAX', '2025-03-31')).toBeUndefined();
    expect(rangeStart('MAX', new Date('2025-03-31T15:00:00Z'))).toBeUndefined();
  });

  it('a range is a period F..T whose start value is the close of F-1', () => {
    const p = resolveRange('1M', isoToDay('2025-03-31'), null);
    expect([dayToIso(p.from), dayToIso(p.to)]).toEqual(['2025-03-01', '2025-03-31']);
    expect(dayToIso(resolveRange('YTD', isoToDay('2025-03-31'), null).from)).toBe('2025-01-01');
    expect(dayToIso(resolveRange('MAX', isoToDay('2025-03-31'), isoToDay('2020-05-05')).from)).toBe('2020-05-05');
  });

  it.each([
    ['2025-03-31', 1, '2025-02-28'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2023-02-28'],
    ['2024-02-29', 48, '2020-02-29'],
    ['2025-01-15', 1, '2024-12-15'],
    ['2025-12-31', 6, '2025-06-30'],
  ])('%s minus %d months is %s', (from, n, want) => {
    expect(dayToIso(monthsBefore(isoToDay(from), n))).toBe(want);
  });
});
