/**
 * `npm run bench:allocation`: allocation, rebalance and performance --benchmark on the generated
 * 1,000 holdings x 10 years workload (2.6 M closes), each as a whole CLI run (process start
 * included) from the cache only: the provider URL points at a closed port and the request log must
 * stay empty. Prints and writes bench/.work/allocation.json: first run (cold performance cache)
 * and the median of the next runs. Options: --holdings N, --years Y, --runs N.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/store/db.js';
import { copyDb, generate, NOW } from './workloads/generate.js';
import { ROOT } from './workloads/util.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? def) : def;
};
const holdings = Number(opt('holdings', '1000'));
const years = Number(opt('years', '10'));
const runs = Number(opt('runs', '5'));
const root = mkdtempSync(join(tmpdir(), 'portfolio-bench-alloc-'));
const bin = join(ROOT, 'bin', 'portfolio.js');

function cli(home: string, argv: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...argv], {
    env: { PATH: process.env.PATH, PORTFOLIO_HOME: home, PORTFOLIO_NOW: NOW, PORTFOLIO_YAHOO_URL: 'http://127.0.0.1:9', NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`portfolio ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

try {
  const w = generate({ name: `${holdings}x${years}y`, holdings, years }, root);
  const home = join(root, 'home');
  copyDb(w.warmDb, home, 'portfolio.db');
  const benchmark = w.symbols.find((s) => !s.includes('.')) as string;
  writeFileSync(join(home, 'config.json'), JSON.stringify({ symbols: Object.fromEntries(w.symbols.filter((_, i) => i % 4 === 0).map((s) => [s, { class: 'bond' }])) }));
  cli(home, ['target', 'set', 'equity', '70']);
  cli(home, ['target', 'set', 'bond', '30']);
  const commands: Record<string, string[]> = {
    allocation: ['allocation', '--json'],
    rebalance: ['rebalance', '--cash', '10000', '--json'],
    performanceBenchmark: ['performance', '--benchmark', benchmark, '--json'],
  };
  const results: Record<string, { firstMs: number; medianMs: number; runs: number }> = {};
  for (const [name, argv] of Object.entries(commands)) {
    const first = cli(home, argv).ms;
    const rest = Array.from({ length: runs }, () => cli(home, argv).ms);
    results[name] = { firstMs: Math.round(first), medianMs: Math.round(median(rest)), runs };
    process.stderr.write(`bench: ${name}: first ${results[name]?.firstMs} ms, median ${results[name]?.medianMs} ms\n`);
  }
  const db = openDb(join(home, 'portfolio.db'));
  const requests = (db.prepare('SELECT COUNT(*) AS n FROM http_log').get() as { n: number }).n;
  db.close();
  const out = { holdings, years, closes: w.closes, transactions: w.transactions, benchmark, requests, results };
  writeFileSync(join(ROOT, 'bench', '.work', 'allocation.json'), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  if (requests !== 0) throw new Error(`${requests} requests were made: these commands must read the cache only`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
