/** Target allocation weights (table allocation_targets); the rules live in src/core/allocation.ts. */
import type { AllocationKind } from '../core/allocation.js';
import type { Db } from './db.js';

export interface StoredTarget {
  kind: AllocationKind;
  group: string;
  /** 0..1 */
  weight: number;
}

export function listTargets(db: Db, kind?: AllocationKind): StoredTarget[] {
  const rows = (
    kind
      ? db.prepare('SELECT kind, grp, weight FROM allocation_targets WHERE kind = ? ORDER BY kind, grp').all(kind)
      : db.prepare('SELECT kind, grp, weight FROM allocation_targets ORDER BY kind, grp').all()
  ) as { kind: AllocationKind; grp: string; weight: number }[];
  return rows.map((r) => ({ kind: r.kind, group: r.grp, weight: r.weight }));
}

/** Target weights of one kind by group. */
export function targetMap(db: Db, kind: AllocationKind): Map<string, number> {
  return new Map(listTargets(db, kind).map((t) => [t.group, t.weight]));
}

/**
 * Sets one target inside a transaction, after `check` has seen the kind's targets as they would
 * be; a refusal (check returns a message) writes nothing and is thrown by the caller.
 */
export function setTarget(db: Db, t: StoredTarget, check: (targets: Map<string, number>) => string | null, now: Date): string | null {
  return db.transaction(() => {
    const next = targetMap(db, t.kind);
    next.set(t.group, t.weight);
    const problem = check(next);
    if (problem) return problem;
    db.prepare(
      `INSERT INTO allocation_targets (kind, grp, weight, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(kind, grp) DO UPDATE SET weight = excluded.weight, updated_at = excluded.updated_at`,
    ).run(t.kind, t.group, t.weight, now.toISOString());
    return null;
  }).immediate();
}

/** Removes one target; false when there was none. */
export function removeTarget(db: Db, kind: AllocationKind, group: string): boolean {
  return db.prepare('DELETE FROM allocation_targets WHERE kind = ? AND grp = ?').run(kind, group).changes > 0;
}

/** The kinds that have targets, in a stable order. */
export function targetKinds(db: Db): AllocationKind[] {
  return (db.prepare('SELECT DISTINCT kind FROM allocation_targets ORDER BY kind').all() as { kind: AllocationKind }[]).map((r) => r.kind);
}
