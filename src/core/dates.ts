/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and as integer day numbers (days since 1970-01-01, UTC).
 * Day numbers make ranges, lookups and typed-array series cheap.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses a strict `YYYY-MM-DD` date; returns null for anything else, including 2024-02-30. */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / MS_PER_DAY);
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** Day number -> `YYYY-MM-DD`. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` -> day number; throws on an invalid date (use parseIsoDate for user input). */
export function isoToDay(iso: string): number {
  const d = parseIsoDate(iso);
  if (d === null) throw new Error(`invalid date: ${iso}`);
  return d;
}

/** The UTC calendar day of an instant. */
export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function todayIso(now: Date): string {
  return dayToIso(dayOf(now));
}

export function addDays(iso: string, n: number): string {
  return dayToIso(isoToDay(iso) + n);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** Unix seconds at 00:00 UTC of a day. */
export function dayToUnix(day: number): number {
  return day * 86_400;
}
