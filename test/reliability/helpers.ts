/** Shared pieces of the reliability suite: spawning the built binary, checking what users see, reading the database. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN } from '../helpers/cli.js';
import { seededRandom } from '../../src/market/symbols.js';

export const BASE_ENV = { PATH: process.env.PATH ?? '', NO_COLOR: '1', LANG: 'C.UTF-8' };

/** A stack frame line as Node prints it. Users must never see one. */
export const STACK_FRAME = /^\s{4}at\s/m;
/** A Node runtime warning (e.g. MaxListenersExceededWarning): noise that means something is off. */
export const NODE_WARNING = /\(node:\d+\) \w*Warning/;
/** What a lock conflict would look like if one leaked to a user. */
export const LOCK_ERROR = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i;

export interface Spawned {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/** Starts the binary without waiting (for kill -9 trials and long-running processes). */
export function start(args: readonly string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...BASE_ENV, HOME: env.PORTFOLIO_HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out, exited };
}

export interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function run(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Done> {
  const s = start(args, env);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), timeoutMs);
  const code = await s.exited;
  clearTimeout(timer);
  return { code, ...s.out };
}

/** Opens a database read-only for checks (WAL readers do not block the app). */
export function inspect<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function integrity(dbPath: string): string {
  return inspect(dbPath, (db) => String(db.pragma('integrity_check', { simple: true })));
}

export function count(dbPath: string, table: string): number {
  if (!existsSync(dbPath)) return 0;
  return inspect(dbPath, (db) => {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    return exists ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
  });
}

/** A deterministic PRNG (mulberry32) so a failing fuzz case can be replayed from its seed. */
export const prng = seededRandom;

/** A ledger CSV of `n` rows: a deposit, then buys of a few dozen symbols (all valid). */
export function ledgerCsv(dir: string, n: number, name = 'ledger.csv', symbols = 40): string {
  const lines = ['date,type,symbol,quantity,price,amount,fee,currency,account,note'];
  lines.push('2022-01-03,deposit,,,,100000000,,USD,main,seed money');
  for (let i = 1; i < n; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const year = 2022 + (Math.floor(i / 336) % 3);
    lines.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},buy,S${i % symbols},1,${(10 + (i % 97)).toFixed(2)},,0,USD,main,row ${i}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
