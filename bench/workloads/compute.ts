/**
 * computeMs / peakRssMb in a fresh child process, and, when hledger is on PATH, the same ledger
 * exported with `portfolio export --format ledger` timed with `hledger bal -V` and `hledger roi`
 * next to `portfolio holdings` and `portfolio performance` on the same database.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOW } from './generate.js';
import { cli } from './util.js';

const CHILD = fileURLToPath(new URL('./compute-child.js', import.meta.url));

export interface Compute {
  computeMs: number;
  peakRssMb: number;
}

export function measureCompute(dbPath: string, runs = 3): Compute {
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [CHILD, dbPath, NOW], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`compute child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { ms: number; peakRssMb: number };
    times.push(out.ms);
    peak = Math.max(peak, out.peakRssMb);
  }
  times.sort((a, b) => a - b);
  return { computeMs: times[Math.floor(times.length / 2)] as number, peakRssMb: peak };
}

export interface HledgerTiming {
  journalMb: number;
  exportMs: number;
  hledgerBalMs: number;
  hledgerRoiMs: number;
  /** Set when hledger ran past the limit (its time is then a lower bound). */
  timedOut: string | null;
  portfolioHoldingsMs: number;
  portfolioPerformanceMs: number;
  balRatio: number;
  roiRatio: number;
}

export function hasHledger(): boolean {
  return spawnSync('sh', ['-c', 'command -v hledger'], { encoding: 'utf8' }).status === 0;
}

/** Wall time of one hledger run; a run past the limit counts as the limit (reported as timed out). */
function timeHledger(args: string[], limitMs: number): { ms: number; timedOut: boolean } {
  const t = performance.now();
  const r = spawnSync('hledger', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: limitMs, killSignal: 'SIGKILL', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.signal) return { ms, timedOut: true };
  if (r.status !== 0) throw new Error(`hledger ${args.join(' ')}: ${r.stderr?.slice(0, 300) ?? ''}`);
  return { ms, timedOut: false };
}

export async function measureHledger(dbPath: string, dir: string, limitMs: number): Promise<HledgerTiming> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env = { PORTFOLIO_HOME: dir, PORTFOLIO_NOW: NOW };
  const exp = await cli(['--db', dbPath, 'export', '--format', 'ledger'], env);
  if (exp.code !== 0) throw new Error(`export --format ledger exited ${exp.code}: ${exp.stderr.slice(0, 300)}`);
  const journal = join(dir, 'bench.journal');
  writeFileSync(journal, exp.stdout);
  const tomorrow = new Date(Date.parse(NOW) + 86_400_000).toISOString().slice(0, 10);
  const bal = timeHledger(['-f', journal, 'bal', '-V', '-e', tomorrow], limitMs);
  const roi = timeHledger(['-f', journal, 'roi', '--inv', 'assets:portfolio', '--pnl', 'income|expenses', '--value=then,USD', '-e', tomorrow], limitMs);
  const holdings = await cli(['--db', dbPath, 'holdings', '--json'], env);
  const perf = await cli(['--db', dbPath, 'performance', '--json', '--period', 'MAX'], env);
  if (holdings.code !== 0 || perf.code !== 0) throw new Error(`holdings/performance failed: ${holdings.stderr}${perf.stderr}`);
  return {
    journalMb: statSync(journal).size / 1e6,
    exportMs: exp.ms,
    hledgerBalMs: bal.ms,
    hledgerRoiMs: roi.ms,
    timedOut: bal.timedOut || roi.timedOut ? `stopped after ${limitMs / 1000} s: ${[bal.timedOut ? 'bal -V' : '', roi.timedOut ? 'roi' : ''].filter(Boolean).join(', ')}` : null,
    portfolioHoldingsMs: holdings.ms,
    portfolioPerformanceMs: perf.ms,
    balRatio: bal.ms / holdings.ms,
    roiRatio: roi.ms / perf.ms,
  };
}
