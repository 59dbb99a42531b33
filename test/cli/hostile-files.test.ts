import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/store/atomic-file.js';
import { openDb } from '../../src/store/db.js';
import { BIN } from '../helpers/cli.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/tmp.js';
import { addTxs, tx } from '../returns/helpers.js';

const NOW = '2024-06-05T15:00:00Z';

function homeWith(n: number): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  const db = openDb(join(dir, 'portfolio.db'));
  addTxs(db, [tx({ date: '2024-01-02', type: 'buy', symbol: 'AAPL', quantity: 2, price: 100, note: 'first' })]);
  if (n > 1) {
    db.prepare(`WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < ?)
      INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, note)
      SELECT '2024-01-03', 'buy', 'S' || (k % 300), 1, 10, NULL, 0, 'USD', (SELECT account_id FROM transactions LIMIT 1), 'note ' || k FROM i`).run(n - 1);
  }
  db.close();
  return { dir, env: { PORTFOLIO_HOME: dir, NO_COLOR: '1' } };
}

describe('exports that cannot lose the old file', () => {
  it('a write that fails half-way leaves the old file as it was and no temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'ledger.csv');
    writeFileSync(path, 'OLD CONTENT\n');
    await expect(
      writeFileAtomically(path, async (write) => {
        await write('half of the new ');
        throw new Error('disk went away');
      }),
    ).rejects.toThrow('disk went away');
    expect(readFileSync(path, 'utf8')).toBe('OLD CONTENT\n');
    expect(readdirSync(dir)).toEqual(['ledger.csv']);
  });

  it('a long write waits for drain without piling up listeners', async () => {
    const path = join(tempDir(), 'big.csv');
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const chunk = `${'x'.repeat(32 * 1024 - 1)}\n`; // past the stream's 16 KB mark: every write waits for drain
      await writeFileAtomically(path, async (write) => {
        for (let i = 0; i < 40; i++) await write(chunk);
      });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(statSync(path).size).toBe(40 * 32 * 1024);
  });

  it('export --output replaces the file whole (mode 0600), leaving no temp file', async () => {
    const { dir, env } = homeWith(1);
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'OLD\n');
    const r = await runMain(['export', '--output', path], { env, now: NOW });
    expect(r.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/^date,type,symbol/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an export killed half-way leaves the old file intact (real process, SIGKILL)', async () => {
    const { dir, env } = homeWith(200_000);
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'OLD\n');
    const child = spawn(process.execPath, [BIN, 'export', '--output', path], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    // Wait for the export to start writing: a temp file appears (or, unsafely, the target changes).
    for (;;) {
      const started = readdirSync(dir).some((f) => f.endsWith('.tmp')) || readFileSync(path, 'utf8') !== 'OLD\n';
      if (started || child.exitCode !== null) break;
      await new Promise((r) => setImmediate(r));
    }
    child.kill('SIGKILL');
    await exited;
    expect(readFileSync(path, 'utf8')).toBe('OLD\n');
  }, 30_000);
});

describe('someone else\'s database', () => {
  function foreign(version = 7): string {
    const path = join(tempDir(), 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO recipes (name) VALUES (\'soup\');');
    db.pragma(`user_version = ${version}`);
    db.close();
    return path;
  }
  function look(path: string) {
    const db = new Database(path, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const out = { tables, journal: db.pragma('journal_mode', { simple: true }), version: db.pragma('user_version', { simple: true }) };
    db.close();
    return out;
  }

  it('is refused untouched, even for a read-only command', async () => {
    const path = foreign();
    const before = look(path);
    const r = await runMain(['--db', path, 'holdings'], { env: { PORTFOLIO_HOME: tempDir() }, now: NOW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/did not create; it was left untouched.*--adopt-db/);
    expect(look(path)).toEqual(before);
    expect(before).toEqual({ tables: ['recipes'], journal: 'delete', version: 7 });
  });

  it('is adopted with --adopt-db (unless its user_version is taken)', async () => {
    const taken = foreign(7);
    const no = await runMain(['--db', taken, '--adopt-db', 'holdings'], { env: { PORTFOLIO_HOME: tempDir() }, now: NOW });
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/cannot be adopted: its user_version \(7\)/);
    const path = foreign(0);
    const r = await runMain(['--db', path, '--adopt-db', 'holdings'], { env: { PORTFOLIO_HOME: tempDir() }, now: NOW });
    expect(r.code).toBe(0);
    expect(look(path).tables).toContain('transactions');
    expect(look(path).tables).toContain('recipes');
  });

  it('an empty file and our own databases open as before', async () => {
    const { env } = homeWith(1);
    expect((await runMain(['holdings'], { env, now: NOW })).code).toBe(0);
    const empty = join(tempDir(), 'empty.db');
    writeFileSync(empty, '');
    expect((await runMain(['--db', empty, 'holdings'], { env, now: NOW })).code).toBe(0);
  });
});

/** Runs the binary as an unprivileged user when we are root (root ignores file modes). */
function runAsUser(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: '/nonexistent', NO_COLOR: '1', PORTFOLIO_NOW: NOW, ...env },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a database in a read-only folder', () => {
  it('read commands work; writes are refused with a clear message; nothing changes', async () => {
    const { dir, env } = homeWith(1);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'portfolio.db'), 0o644);
    const before = readFileSync(join(dir, 'portfolio.db'));
    chmodSync(dir, 0o555);
    try {
      const h = await runAsUser(['holdings'], env);
      expect(h.stderr).not.toMatch(/cannot open|internal error/);
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/│ AAPL /);
      const t = await runAsUser(['transactions'], env);
      expect(t.code).toBe(0);
      expect(t.stdout).toMatch(/first/);
      const add = await runAsUser(['add', 'deposit', '--amount', '5', '--date', '2024-01-04'], env);
      expect(add.code).toBe(1);
      expect(add.stderr).toMatch(/read-only/);
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(readFileSync(join(dir, 'portfolio.db')).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'portfolio.db-wal'))).toBe(false);
  }, 30_000);
});
