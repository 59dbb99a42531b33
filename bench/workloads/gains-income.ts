/**
 * `portfolio gains` and `portfolio income` on 1,000 holdings x 10 years of dense history: a monthly
 * buy of every holding, a sale every six months, quarterly dividends (a fifth in EUR or GBP, with
 * daily FX), a split on every tenth holding: about 180,000 transactions. Times the built binary end
 * to end (median of N runs, node start-up included) and checks that every run prints the same bytes.
 * Each command is timed twice: `cold`, every run after emptying the stored replay (lot_replay: what a
 * change dated in the ledger's first year leaves, the worst case), and warm, with the years stored
 * (what runs after a change dated this year, such as today's trade, find). Then `afterChange`: a
 * buy dated in the first year added with `portfolio add` (which replays and stores the years, as
 * every command that changes the ledger does), and the reports after it.
 *
 *   npm run bench:gains [-- --holdings 1000 --years 10 --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dayToIso, isoToDay, isWeekend } from '../../src/core/dates.js';
import { seededRandom } from '../../src/market/symbols.js';
import { openDb } from '../../src/store/db.js';
import { ROOT } from './util.js';

const BIN = join(ROOT, 'bin', 'portfolio.js');
export const GAINS_NOW = '2026-11-25T21:30:00.000Z';

export function generateDense(dir: string, holdings: number, years: number): { transactions: number } {
  const db = openDb(join(dir, 'portfolio.db'));
  const end = isoToDay(GAINS_NOW.slice(0, 10));
  const start = end - Math.round(years * 365.25);
  const rnd = seededRandom(777 + holdings);
  const ins = db.prepare('INSERT INTO transactions (date, type, symbol, quantity, price, amount, fee, currency, account_id, ratio) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const close = db.prepare("INSERT INTO daily_closes (symbol, date, close, currency, source, fetched_at) VALUES (?, ?, ?, ?, 'bench', ?)");
  let n = 0;
  db.transaction(() => {
    db.prepare("INSERT INTO accounts (name) VALUES ('default'), ('isa')").run();
    const rows: (string | number | null)[][] = [];
    for (let i = 0; i < holdings; i++) {
      const s = `G${String(i).padStart(4, '0')}${i % 10 === 0 ? '.DE' : i % 10 === 1 ? '.L' : ''}`;
      const cur = i % 10 === 0 ? 'EUR' : i % 10 === 1 ? 'GBP' : 'USD';
      const acct = i % 3 === 0 ? 2 : 1;
      let price = 20 + rnd() * 100;
      let held = 0;
      for (let m = 0; m < years * 12; m++) {
        const d = dayToIso(start + 1 + Math.floor(m * 30.4) + (i % 20));
        price *= 1 + (rnd() - 0.48) * 0.08;
        const q = 1 + Math.floor(rnd() * 10);
        rows.push([d, 'buy', s, q, Math.round(price * 100) / 100, null, 1, cur, acct, null]);
        held += q;
        if (m % 6 === 5) {
          const sq = Math.floor(held * 0.3);
          const sd = dayToIso(start + 10 + Math.floor(m * 30.4) + (i % 20));
          if (sq > 0) rows.push([sd, 'sell', s, sq, Math.round(price * 1.01 * 100) / 100, null, 1, cur, acct, null]);
          held -= sq;
        }
        if (m % 3 === 2) rows.push([dayToIso(start + 15 + Math.floor(m * 30.4) + (i % 20)), 'dividend', s, null, null, Math.round(held * price * 0.004 * 100) / 100, 0, cur, acct, null]);
        if (i % 10 === 5 && m === 60) {
          rows.push([dayToIso(start + 20 + Math.floor(m * 30.4)), 'split', s, null, null, null, 0, cur, acct, '2:1']);
          held *= 2;
        }
      }
    }
    rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : 0));
    for (const r of rows) ins.run(...r);
    n = rows.length;
    for (const [pair, level] of [['EURUSD=X', 1.1], ['GBPUSD=X', 1.3]] as const) {
      let p: number = level;
      for (let d = start; d <= end; d++) {
        if (isWeekend(d)) continue;
        p *= 1 + (rnd() - 0.5) * 0.006;
        close.run(pair, dayToIso(d), Math.round(p * 10000) / 10000, 'USD', GAINS_NOW);
      }
    }
  })();
  db.close();
  return { transactions: n };
}

export interface GainsIncomeTiming {
  transactions: number;
  /** Wall time of the whole process (start-up included), median. */
  gainsCsvMs: number;
  gainsJsonMs: number;
  incomeMs: number;
  /** CPU time (user + system) of the same processes, median: steadier than wall time on a shared machine. */
  gainsCsvCpuMs: number;
  gainsJsonCpuMs: number;
  incomeCpuMs: number;
  /** The same with no stored year (the first run after a change dated in the ledger's first year): wall / CPU. */
  cold: { gainsCsv: [number, number]; gainsJson: [number, number]; income: [number, number] };
  /**
   * Each run, config costMethod fifo: `portfolio add` of a buy dated in the ledger's first year (it
   * replays and stores what the reports read, src/returns/refresh-replays.ts), then `gains --year
   * 2024 --csv`, `gains --year 2024 --json` and `income --json`; wall / CPU medians.
   */
  afterChange: { add: [number, number]; gainsCsv: [number, number]; gainsJson: [number, number]; income: [number, number] };
  loadAverage: number;
  identical: boolean;
  csvRows: number;
}

export function measureGainsIncome(holdings = 1000, years = 10, runs = 5): GainsIncomeTiming {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-bench-gains-'));
  try {
    const { transactions } = generateDense(dir, holdings, years);
    // A preload that reports the process's own CPU time on exit.
    const preload = join(dir, 'cpu.cjs');
    writeFileSync(preload, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('CPU_MS ' + (u.user + u.system) / 1000 + '\\n'); });\n");
    const env = { PATH: process.env.PATH, HOME: dir, PORTFOLIO_HOME: dir, PORTFOLIO_NOW: GAINS_NOW, NO_COLOR: '1' };
    const dbPath = join(dir, 'portfolio.db');
    const forget = () => {
      const db = openDb(dbPath);
      db.prepare('DELETE FROM lot_replay').run();
      db.close();
    };
    const time = (args: string[], cold = false, n = runs) => {
      const ms: number[] = [];
      const cpu: number[] = [];
      const outs = new Set<string>();
      for (let i = 0; i < n; i++) {
        if (cold) forget();
        const t = performance.now();
        const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
        ms.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`portfolio ${args.join(' ')}: ${r.stderr}`);
        cpu.push(Number(/CPU_MS ([\d.]+)/.exec(r.stderr)?.[1]));
        outs.add(r.stdout);
      }
      const median = (xs: number[]) => Math.round((xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number) * 10) / 10;
      return { ms: median(ms), cpuMs: median(cpu), outs };
    };
    const CSV = ['gains', '--year', '2024', '--cost-method', 'fifo', '--csv'];
    const JSON_ = ['gains', '--json'];
    const INCOME = ['income', '--json'];
    const coldCsv = time(CSV, true);
    const coldJson = time(JSON_, true);
    const coldIncome = time(INCOME, true);
    const csv = time(CSV);
    const json = time(JSON_);
    const income = time(INCOME);
    // A change dated in the ledger's first year made with portfolio's own command, under config
    // cost method fifo (a tax CSV's; the command stores the configured method's years): the command
    // pays the replay, the reports after it read the stored years. The JSON is 2024's: all ten
    // years of FIFO lots as JSON is 53 MB, bound by writing it.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ costMethod: 'fifo' }));
    const firstYear = dayToIso(isoToDay(GAINS_NOW.slice(0, 10)) - Math.round(years * 365.25) + 40);
    const after = { add: [] as [number, number][], gainsCsv: [] as [number, number][], gainsJson: [] as [number, number][], income: [] as [number, number][] };
    for (let i = 0; i < runs; i++) {
      for (const [k, args] of [['add', ['add', 'buy', 'G0002', '1', '--price', '30', '--date', firstYear]], ['gainsCsv', ['gains', '--year', '2024', '--csv']], ['gainsJson', ['gains', '--year', '2024', '--json']], ['income', INCOME]] as const) {
        const r = time([...args], false, 1);
        after[k].push([r.ms, r.cpuMs]);
      }
    }
    const med = (xs: [number, number][]): [number, number] => {
      const at = (j: 0 | 1) => xs.map((x) => x[j]).sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      return [at(0), at(1)];
    };
    return {
      transactions,
      gainsCsvMs: csv.ms,
      gainsJsonMs: json.ms,
      incomeMs: income.ms,
      gainsCsvCpuMs: csv.cpuMs,
      gainsJsonCpuMs: json.cpuMs,
      incomeCpuMs: income.cpuMs,
      cold: { gainsCsv: [coldCsv.ms, coldCsv.cpuMs], gainsJson: [coldJson.ms, coldJson.cpuMs], income: [coldIncome.ms, coldIncome.cpuMs] },
      afterChange: { add: med(after.add), gainsCsv: med(after.gainsCsv), gainsJson: med(after.gainsJson), income: med(after.income) },
      loadAverage: Math.round(loadavg()[0] as number * 10) / 10,
      identical: [csv, json, income].every((x, i) => x.outs.size === 1 && [...x.outs][0] === [...[coldCsv, coldJson, coldIncome][i]!.outs].join('')),
      csvRows: ([...csv.outs][0] ?? '').split('\n').length - 2,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name: string, def: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  const r = measureGainsIncome(opt('holdings', 1000), opt('years', 10), opt('runs', 5));
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
