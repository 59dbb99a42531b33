import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { busyTimeout, inTransaction, openDb, setBusyTimeout } from '../../src/store/db.js';
import { kvGet, kvSet } from '../../src/store/kv.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2026-03-02T12:00:00Z');

// The one way code outside src/store opens a transaction (docs/architecture.md).
describe('inTransaction', () => {
  const open = () => openDb(join(tempDir(), 'p.db'));

  it('commits what the function wrote and returns its value', () => {
    const db = open();
    expect(inTransaction(db, () => (kvSet(db, 'a', '1', { now: NOW }), 7))).toBe(7);
    expect(kvGet(db, 'a', NOW)).toBe('1');
  });

  it('rolls everything back when the function throws, and rethrows', () => {
    const db = open();
    expect(() =>
      inTransaction(db, () => {
        kvSet(db, 'a', '1', { now: NOW });
        throw new Error('boom');
      }, { immediate: true }),
    ).toThrow('boom');
    expect(kvGet(db, 'a', NOW)).toBeNull();
    expect(db.inTransaction).toBe(false);
  });

  it('discard: returns the value but leaves nothing written (a dry run)', () => {
    const db = open();
    expect(inTransaction(db, () => (kvSet(db, 'a', '1', { now: NOW }), kvGet(db, 'a', NOW)), { discard: true })).toBe('1');
    expect(kvGet(db, 'a', NOW)).toBeNull();
    expect(() => inTransaction(db, () => { throw new Error('bad row'); }, { discard: true })).toThrow('bad row');
  });

  it('immediate: takes the write lock at BEGIN, so a second writer cannot start meanwhile', () => {
    const path = join(tempDir(), 'p.db');
    const a = openDb(path);
    const b = openDb(path, { busyTimeoutMs: 0 });
    inTransaction(a, () => {
      expect(() => inTransaction(b, () => kvSet(b, 'b', '1', { now: NOW }), { immediate: true })).toThrow(/locked|busy/i);
    }, { immediate: true });
    a.close();
    b.close();
  });

  it('busyTimeout reads back what setBusyTimeout set', () => {
    const db = open();
    setBusyTimeout(db, 123);
    expect(busyTimeout(db)).toBe(123);
  });
});
