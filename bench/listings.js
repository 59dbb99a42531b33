#!/usr/bin/env node
/**
 * Listings over big ledgers (issue 18's goal): `portfolio transactions` and `portfolio holdings`
 * over N transactions spread over H symbols, as a user runs them (the built binary, stdout a pipe).
 * Records the time to the first screen (50 lines on stdout) and to the whole listing, at several
 * sizes, so that linear growth in rows is visible: whole/rows stays flat as rows grow. Medians of
 * --runs; "first run" is the first one alone (for holdings, the replay before a positions snapshot exists).
 * For holdings also the first run after the ledger changed: after one row appended (an `add`), after
 * 1,000 rows appended (an import; both dated on or after the last row, so a stored replay state can
 * be resumed) and after one old row edited by SQL (every stored replay is stale: the whole ledger
 * again), and after the oldest row removed with `portfolio remove` (the command replays and stores);
 * and on a new database filled by `portfolio import` of the ledger's export, as a user's would be.
 * ("first run" is on the database the bench filled by SQL: no stored replay, a full one.)
 *
 *   npm run build && node bench/listings.js [--sizes 25000,50000,100000,200000] [--holdings 5000] [--runs 3] [--json]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'portfolio.js');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SIZES = String(opt('sizes', '25000,50000,100000,200000')).split(',').map(Number);
const HOLDINGS = Number(opt('holdings', '5000'));
const RUNS = Number(opt('runs', '3'));
const SCREEN = 50;

async function makeHome(n, holdings) {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-listings-'));
  // Let portfolio create its schema, then fill it with SQL (fast).
  await run(['--db', join(dir, 'portfolio.db'), 'transactions'], dir);
  const db = new Database(join(dir, 'portfolio.db'));
  db.exec("INSERT OR IGNORE INTO accounts (name) VALUES ('default')");
  db.prepare(`WITH RECURSIVE i(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM i WHERE k < ? - 1)
    INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, note)
    SELECT date('2005-01-03', '+' || (k * 7000 / ?) || ' days'), 'buy', 'S' || (k % ?), 1 + k % 7, 10 + (k % 1000) / 7.0, NULL, 0.5, 'USD',
      (SELECT id FROM accounts WHERE name = 'default'), 'lot ' || k FROM i`).run(n, n, holdings);
  db.close();
  return dir;
}

/** Appends `n` buys dated on or after the ledger's last row (as `add` or an import would), or edits the oldest row. */
function change(dir, what, n = 1) {
  const db = new Database(join(dir, 'portfolio.db'));
  if (what === 'none') { /* changed by a portfolio command */ }
  else if (what === 'edit') db.exec('UPDATE transactions SET fee = fee + 0.25 WHERE id = (SELECT MIN(id) FROM transactions)');
  else {
    db.prepare(`WITH RECURSIVE i(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM i WHERE k < ? - 1)
      INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, note)
      SELECT date((SELECT MAX(date) FROM transactions), '+' || (k / 50) || ' days'), 'buy', 'S' || (k % 97), 2, 20.5, NULL, 0.5, 'USD',
        (SELECT id FROM accounts WHERE name = 'default'), 'new ' || k FROM i`).run(n);
  }
  db.close();
}

function run(argv, dir) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let lines = 0;
    let first = null;
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH, HOME: dir, PORTFOLIO_HOME: dir, NO_COLOR: '1', PORTFOLIO_NOW: '2026-01-15T15:00:00Z' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.on('data', (d) => {
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
      if (first === null && lines >= SCREEN) first = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, firstMs: first ?? performance.now() - t0, totalMs: performance.now() - t0, lines }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const n of SIZES) {
  const dir = await makeHome(n, HOLDINGS);
  try {
    for (const command of ['transactions', 'holdings']) {
      const rs = [];
      for (let r = 0; r < RUNS; r++) rs.push(await run([command], dir));
      if (rs.some((r) => r.code !== 0)) throw new Error(`${command} failed at ${n} rows`);
      const total = median(rs.map((r) => r.totalMs));
      // The first holdings run of a fresh database replays the ledger (no positions snapshot yet): shown apart.
      const row = { command, transactions: n, holdings: HOLDINGS, rows: rs[0].lines, firstScreenMs: Math.round(median(rs.map((r) => r.firstMs))), coldFirstScreenMs: Math.round(rs[0].firstMs), totalMs: Math.round(total), usPerRow: Math.round((total * 1000) / rs[0].lines) };
      if (command === 'holdings') {
        const after = async (what, count) => {
          change(dir, what, count);
          const r = await run([command], dir);
          if (r.code !== 0) throw new Error(`${command} failed after ${what}`);
          return Math.round(r.firstMs);
        };
        row.afterAddMs = await after('append', 1);
        row.afterImportMs = await after('append', 1000);
        row.afterEditMs = await after('edit');
        // The same old row removed with portfolio's own command, which replays the ledger and stores
        // the snapshot before it exits (src/returns/refresh-replays.ts): its time, then the report's.
        const db = new Database(join(dir, 'portfolio.db'), { readonly: true });
        const oldest = db.prepare('SELECT MIN(id) FROM transactions').pluck().get();
        db.close();
        const removed = await run(['remove', String(oldest)], dir);
        if (removed.code !== 0) throw new Error('remove failed');
        row.removeMs = Math.round(removed.totalMs);
        row.afterRemoveMs = await after('none');
        // The way a user's ledger gets this big: the same rows exported and imported into a new
        // database with portfolio's own commands (the import stores the snapshot before it exits).
        const csv = join(dir, 'ledger.csv');
        const exported = await run(['export', '--output', csv], dir);
        if (exported.code !== 0) throw new Error('export failed');
        const fresh = mkdtempSync(join(tmpdir(), 'portfolio-listings-import-'));
        try {
          const imported = await run(['import', csv, '--force'], fresh);
          if (imported.code !== 0) throw new Error('import failed');
          row.importMs = Math.round(imported.totalMs);
          const first = await run([command], fresh);
          if (first.code !== 0) throw new Error(`${command} failed after import`);
          row.afterFirstImportMs = Math.round(first.firstMs);
        } finally {
          rmSync(fresh, { recursive: true, force: true });
        }
      }
      results.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  process.stdout.write('command       transactions  rows     first screen  (first run)  whole listing  µs/row\n');
  for (const r of results) {
    process.stdout.write(`${r.command.padEnd(13)} ${String(r.transactions).padStart(12)}  ${String(r.rows).padStart(7)}  ${`${r.firstScreenMs} ms`.padStart(12)}  ${`${r.coldFirstScreenMs} ms`.padStart(11)}  ${`${r.totalMs} ms`.padStart(13)}  ${String(r.usPerRow).padStart(6)}\n`);
  }
  for (const r of results.filter((x) => x.afterAddMs !== undefined)) {
    process.stdout.write(`holdings at ${r.transactions}, first screen of the first run after: 1 row added ${r.afterAddMs} ms, 1,000 rows imported ${r.afterImportMs} ms, 1 old row edited ${r.afterEditMs} ms (by SQL) / ${r.afterRemoveMs} ms (removed by \`portfolio remove\`, which took ${r.removeMs} ms)\n`);
    process.stdout.write(`holdings at ${r.transactions}, first screen of the first run on a new database filled by \`portfolio import\` of the ledger's export: ${r.afterFirstImportMs} ms (the import took ${r.importMs} ms)\n`);
  }
}
