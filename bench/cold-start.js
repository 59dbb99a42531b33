#!/usr/bin/env node
/**
 * The first `performance` run on a freshly copied database, cold (issue 11's "81 s first run").
 *   npm run build && BENCH_KEEP=1 node bench/perf-compute.js   # prints "kept PATH"
 *   node bench/cold-start.js PATH [--runs 3]
 * For each case it copies the database as a user would (cp, no -wal), evicts the copy from the page
 * cache where asked (GNU dd `iflag=nocache count=0`, i.e. posix_fadvise DONTNEED: no root needed,
 * unlike /proc/sys/vm/drop_caches), checks with util-linux `fincore` how much of it is still cached,
 * and runs `portfolio --db COPY performance` under /usr/bin/time for wall time, CPU and page faults.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const source = args[0];
if (!source) {
  console.error('usage: node bench/cold-start.js DB [--runs N]   (make DB with BENCH_KEEP=1 node bench/perf-compute.js)');
  process.exit(2);
}
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const bin = fileURLToPath(new URL('../bin/portfolio.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'portfolio-cold-'));
const env = { ...process.env, PORTFOLIO_HOME: dir, PORTFOLIO_NOW: '2026-11-27T22:00:00Z', NO_COLOR: '1' };

const cachedMB = (file) => {
  const out = execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', file], { encoding: 'utf8' });
  return Number(out.trim()) / 1e6;
};
const evict = (file) => execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });

function measure(db) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %F %R', process.execPath, bin, '--db', db, 'performance'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const [wall, user, sys, major, minor] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, user, sys, major, minor };
}

const cases = [
  { name: 'copy, page cache cold, no perf cache, never ANALYZEd', cold: true, analyze: false },
  { name: 'copy, page cache warm, no perf cache, never ANALYZEd', cold: false, analyze: false },
  { name: 'copy, page cache cold, no perf cache, after ANALYZE', cold: true, analyze: true },
];
try {
  // The source as a user would copy it: one file, checkpointed, with no performance cache yet.
  const clean = join(dir, 'source.db');
  execFileSync('sqlite3', [source, `VACUUM INTO '${clean}'`]);
  execFileSync('sqlite3', [clean, 'DELETE FROM perf_cache; DROP TABLE IF EXISTS sqlite_stat1;']);
  console.log(`database ${source}: ${(statSync(clean).size / 1e6).toFixed(0)} MB; ${runs} runs per case (median)`);
  for (const c of cases) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const db = join(dir, `copy-${i}.db`);
      rmSync(db, { force: true });
      copyFileSync(clean, db);
      if (c.analyze) execFileSync('sqlite3', [db, 'ANALYZE;']);
      if (c.cold) evict(db);
      else execFileSync('cat', [db], { stdio: 'ignore', maxBuffer: 1 << 30 });
      const before = cachedMB(db);
      results.push({ before, ...measure(db) });
      rmSync(db, { force: true });
    }
    results.sort((a, b) => a.wall - b.wall);
    const m = results[Math.floor(results.length / 2)];
    console.log(
      `${c.name}: ${m.wall.toFixed(2)} s wall, ${(m.user + m.sys).toFixed(2)} s CPU, ${m.major} major faults, ` +
        `${m.minor} minor; ${m.before.toFixed(0)} MB of the copy cached before (runs: ${results.map((r) => r.wall.toFixed(2)).join(', ')} s)`,
    );
  }
  const second = join(dir, 'second.db');
  copyFileSync(clean, second);
  measure(second);
  evict(second);
  const s = measure(second);
  console.log(`the same copy's second run (perf cache written by the first), page cache cold: ${s.wall.toFixed(2)} s wall, ${s.major} major faults`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
