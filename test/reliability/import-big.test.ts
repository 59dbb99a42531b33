// Reliability class (minutes on a 2-core machine): a 50 MB import in a 64 MB heap and a SIGKILL loop.
// Moved out of `npm test` into `npm run test:reliability` (CI runs both).
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeBigCsv } from './big-csv.js';

function count(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM transactions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('large imports', () => {
  it('streams a 50 MB file in a 64 MB JS heap and, with one bad last row, writes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    const rows = await writeBigCsv(file, 50 * 1024 * 1024, '2024-02-30,deposit,,,,1,,,,,');
    expect(statSync(file).size).toBeGreaterThan(50 * 1024 * 1024);
    // A heap cap far below the file size: holding the rows in memory would crash instead of exit 1.
    const r = await runCli(['import', file], { env: { PORTFOLIO_HOME: dir, NODE_OPTIONS: '--max-old-space-size=64' }, timeoutMs: 240_000 });
    expect(r.stderr).toContain(`big.csv:${rows + 1}: date: "2024-02-30" is not a valid date`);
    expect(r.stderr).toMatch(/1 error; nothing was imported/);
    expect(r.code).toBe(1);
    expect(count(join(dir, 'portfolio.db'))).toBe(0);
  }, 300_000);

  it('is all or nothing when killed with SIGKILL at any moment', async () => {
    const dir = tempDir();
    const file = join(dir, 'mid.csv');
    const rows = await writeBigCsv(file, 4 * 1024 * 1024);
    const seen = new Set<number>();
    for (const delayMs of [150, 600, 1200, 2000, 3000]) {
      const home = tempDir();
      const child = spawn(process.execPath, [BIN, 'import', file], { env: { PATH: process.env.PATH, PORTFOLIO_HOME: home }, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      await exited;
      let n = 0;
      try {
        n = count(join(home, 'portfolio.db'));
      } catch {
        n = 0; // killed before the database was created
      }
      expect([0, rows]).toContain(n);
      seen.add(n);
      // The database is intact and usable after the crash.
      const again = await runCli(['transactions', '--json'], { env: { PORTFOLIO_HOME: home } });
      expect(again.code).toBe(0);
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 120_000);
});
