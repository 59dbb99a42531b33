/**
 * A lock held longer than portfolio waits is a temporary failure (exit 75, "try again"), never a
 * plain failure: SQLite's busy timeout (10 s by default; shortened here through the injected
 * `busyTimeoutMs`, so no test waits 10 real seconds). warm's own job lock (3 s, then 75 naming the
 * holder) is tested with an injected wait in test/market/warm.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXIT, handleError } from '../../src/base/errors.js';
import { openDb } from '../../src/store/db.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { buyEach } from '../market/ledger-fixture.js';

const NOW = '2025-03-05T15:00:00Z';

function home() {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  buyEach(db, ['AAPL']);
  db.close();
  return dir;
}

/** Another process's write lock, held until release(). */
function holdWriteLock(dir: string) {
  const other = new Database(join(dir, 'portfolio.db'));
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

describe('a lock held past the wait ends in 75', () => {
  it.each([
    ['add', ['add', 'buy', 'AAPL', '1', '--price', '10', '--date', '2025-03-04', '--force']],
    ['import', ['import', 'FILE', '--force']],
    ['remove', ['remove', '1']],
  ])('%s while another process holds the write lock', async (_name, args) => {
    const dir = home();
    const file = join(dir, 'in.csv');
    writeFileSync(file, 'date,type,symbol,quantity,price\n2025-03-04,buy,MSFT,1,10\n');
    const release = holdWriteLock(dir);
    try {
      const t0 = performance.now();
      const r = await runMain(args.map((a) => (a === 'FILE' ? file : a)), { env: { PORTFOLIO_HOME: dir }, now: NOW, busyTimeoutMs: 50 });
      expect(r.code).toBe(75);
      expect(r.stderr).toMatch(/^portfolio: the database is busy \(another process held its lock longer than portfolio waits\); try again in a moment\n/);
      expect(performance.now() - t0).toBeLessThan(5000); // waited ~50 ms, not the default 10 s
    } finally {
      release();
    }
    const db = openDb(join(dir, 'portfolio.db'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM transactions').get()).toEqual({ n: 1 }); // nothing half-written
    db.close();
  });

  it('maps SQLite’s extended busy and locked codes to 75 too', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
      let text = '';
      const err = new Writable({ write: (c: Buffer, _e, cb) => ((text += c.toString()), cb()) });
      expect(handleError(Object.assign(new Error('database is locked'), { code }), err, {})).toBe(EXIT.tempFailure);
      expect(text).toMatch(/database is busy/);
    }
    const err = new Writable({ write: (_c, _e, cb) => cb() });
    expect(handleError(Object.assign(new Error('x'), { code: 'SQLITE_BUSYNESS' }), err, {})).toBe(EXIT.failure);
  });
});
