#!/usr/bin/env node
/**
 * Time of one shell-completion request, `portfolio complete -- chart A` (what TAB runs), on a ledger
 * of N symbols, against a bare `node -e ''` (the floor) and `portfolio --help` (the commander path
 * the request avoids). Goal: under 100 ms on the development machine when it is not loaded.
 *
 *   npm run build && node bench/completion.js [--symbols 1000] [--runs 21]
 *
 * Prints wall-clock medians and p90s (a busy machine inflates all of them alike: compare the rows).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'portfolio.js');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SYMBOLS = Number(opt('symbols', '1000'));
const RUNS = Number(opt('runs', '21'));

const { openDb } = await import(join(ROOT, 'dist', 'store', 'db.js'));
const { insertTransactions } = await import(join(ROOT, 'dist', 'store', 'transactions.js'));
const home = mkdtempSync(join(tmpdir(), 'portfolio-bench-completion-'));
const db = openDb(join(home, 'portfolio.db'));
const txs = [];
for (let i = 0; i < SYMBOLS; i++) {
  const symbol = `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${i}`;
  txs.push({ date: '2024-01-02', type: 'buy', symbol, quantity: 1, price: 10, amount: null, fee: 0, currency: 'USD', account: i % 2 ? 'isa' : 'default', note: null, ratio: null });
}
insertTransactions(db, txs);
db.close();

const env = { PATH: process.env.PATH, HOME: home, PORTFOLIO_HOME: home };
function time(argv, check) {
  const wall = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, argv, { env, encoding: 'utf8' });
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 || (check && !check(r.stdout))) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  }
  return { wall };
}
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const cases = [
  ['node -e ""', ['-e', '']],
  ['portfolio complete -- chart A', [BIN, 'complete', '--', 'chart', 'A'], (out) => out.split('\n').length > SYMBOLS / 26],
  ['portfolio complete -- ho', [BIN, 'complete', '--', 'ho'], (out) => out.startsWith('holdings\t')],
  ['portfolio --help', [BIN, '--help']],
];
console.log(`${SYMBOLS} symbols in the ledger, ${RUNS} runs each, Node ${process.version}`);
for (const [label, argv, check] of cases) {
  const { wall } = time(argv, check);
  console.log(`${label.padEnd(32)} median ${q(wall, 0.5).toFixed(1).padStart(6)} ms   p90 ${q(wall, 0.9).toFixed(1).padStart(6)} ms`);
}
rmSync(home, { recursive: true, force: true });
