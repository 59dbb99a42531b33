/**
 * UTC offsets of the busiest exchange time zones by their DST rules, without Intl. The first
 * `Intl.DateTimeFormat` with a time zone loads ICU's zone data (~12 ms), which the dashboard's
 * first frame would pay whenever a cached quote needs exchange hours to judge. Zones or years
 * outside these rules return null and the caller asks Intl. Pure.
 */
const MS_HOUR = 3_600_000;

// US rule since 2007: second Sunday of March 02:00 local to first Sunday of November 02:00 local.
// EU rule since 1996: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
const ZONES: Record<string, { std: number; rule: 'us' | 'eu' }> = {
  'America/New_York': { std: -5, rule: 'us' },
  'America/Toronto': { std: -5, rule: 'us' },
  'America/Chicago': { std: -6, rule: 'us' },
  'Europe/London': { std: 0, rule: 'eu' },
  'Europe/Dublin': { std: 0, rule: 'eu' },
  'Europe/Lisbon': { std: 0, rule: 'eu' },
  'Europe/Berlin': { std: 1, rule: 'eu' },
  'Europe/Paris': { std: 1, rule: 'eu' },
  'Europe/Amsterdam': { std: 1, rule: 'eu' },
  'Europe/Brussels': { std: 1, rule: 'eu' },
  'Europe/Milan': { std: 1, rule: 'eu' },
  'Europe/Rome': { std: 1, rule: 'eu' },
  'Europe/Madrid': { std: 1, rule: 'eu' },
  'Europe/Zurich': { std: 1, rule: 'eu' },
  'Europe/Vienna': { std: 1, rule: 'eu' },
  'Europe/Stockholm': { std: 1, rule: 'eu' },
  'Europe/Oslo': { std: 1, rule: 'eu' },
  'Europe/Copenhagen': { std: 1, rule: 'eu' },
  'Europe/Helsinki': { std: 2, rule: 'eu' },
  UTC: { std: 0, rule: 'eu' },
  'Etc/UTC': { std: 0, rule: 'eu' },
};

/** Day of month of the n-th (1-based) Sunday of a month, or the last one when n = -1. */
function sunday(year: number, month: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}

/** Offset from UTC in minutes of `tz` at instant `t` (ms), or null when these rules do not cover it. */
export function ruleOffsetMinutes(t: number, tz: string): number | null {
  const z = ZONES[tz];
  if (!z) return null;
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  const year = new Date(t).getUTCFullYear();
  if (year < 2008 || year > 2099) return null;
  let start: number;
  let end: number;
  if (z.rule === 'us') {
    start = Date.UTC(year, 2, sunday(year, 3, 2), 2) - z.std * MS_HOUR;
    end = Date.UTC(year, 10, sunday(year, 11, 1), 2) - (z.std + 1) * MS_HOUR;
  } else {
    start = Date.UTC(year, 2, sunday(year, 3, -1), 1);
    end = Date.UTC(year, 9, sunday(year, 10, -1), 1);
  }
  return (t >= start && t < end ? z.std + 1 : z.std) * 60;
}
