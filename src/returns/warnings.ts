/**
 * Missing-data warnings over day indexes, kept as one merged range per (subject, kind) so a report
 * can list only those that touch its own period: a missing close in 2015 does not concern YTD.
 */
import { dayToIso } from '../core/dates.js';

export type WarningKind = 'no-close' | 'stale' | 'no-fx' | 'fx-backfill';

export interface WarningEntry {
  subject: string;
  kind: WarningKind;
  first: number;
  last: number;
  lastObservation?: number;
}

export class WarningLog {
  private readonly entries = new Map<string, WarningEntry>();

  add(subject: string, kind: WarningKind, first: number, last: number, lastObservation?: number): void {
    const key = `${kind}\u0000${subject}`;
    const e = this.entries.get(key);
    if (!e) this.entries.set(key, { subject, kind, first, last, lastObservation });
    else {
      e.first = Math.min(e.first, first);
      e.last = Math.max(e.last, last);
    }
  }

  /** Entries with absolute day numbers (index + start), for storing alongside a cached series. */
  toDays(start: number): WarningEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e, first: e.first + start, last: e.last + start }));
  }

  /** Adds stored entries (absolute days) to a log whose index 0 is `start`, keeping days <= lastDay. */
  addDays(entries: readonly WarningEntry[], start: number, lastDay = Infinity): void {
    for (const e of entries) {
      if (e.first > lastDay) continue;
      this.add(e.subject, e.kind, e.first - start, Math.min(e.last, lastDay) - start, e.lastObservation);
    }
  }

  /** Messages for the entries touching index range [from, to]; `start` maps indexes to day numbers. */
  messages(start: number, from: number, to: number): string[] {
    const out: string[] = [];
    for (const e of this.entries.values()) {
      if (e.last < from || e.first > to) continue;
      const a = dayToIso(start + Math.max(e.first, from));
      const b = dayToIso(start + Math.min(e.last, to));
      const span = a === b ? a : `${a}..${b}`;
      switch (e.kind) {
        case 'no-close':
          out.push(`${e.subject}: no close on or before ${span}; valued at its last trade price (run "portfolio warm" or "portfolio prices set")`);
          break;
        case 'stale':
          out.push(
            `${e.subject}: last close is ${e.lastObservation === undefined ? '?' : dayToIso(e.lastObservation)}, so ${span} uses an old price`,
          );
          break;
        case 'no-fx':
          out.push(`${e.subject}: no FX rate stored; amounts in that currency on ${span} are left out (run "portfolio warm")`);
          break;
        case 'fx-backfill':
          out.push(`${e.subject}: no FX close on or before ${span}; used the first later rate`);
          break;
      }
    }
    return out.sort();
  }
}
