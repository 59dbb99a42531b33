#!/usr/bin/env node
/**
 * Performance compute benchmark (issue 5): 1,000 holdings over 10 years of daily closes.
 *   npm run build && node bench/perf-compute.js [--symbols 1000] [--years 10] [--hledger [--hledger-timeout 300]]
 * Generates the workload into a temp database, then measures, in a fresh child process, the value
 * series plus every period's TWR and IRR (what `portfolio performance` computes), with peak RSS.
 * With --hledger (and hledger on PATH) it also exports the journal and times `hledger bal -V` and
 * `hledger roi` on it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};

if (args[0] === '--compute') {
  // Child: the measured part, in a fresh process: open the database, compute every period.
  const [{ openDb }, { performanceReport }] = await Promise.all([import(dist('store/db.js')), import(dist('returns/performance.js'))]);
  const db = openDb(args[1]);
  const t0 = performance.now();
  const report = performanceReport(db, { today: args[2], baseCurrency: 'USD' });
  const ms = performance.now() - t0;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(
    JSON.stringify({ ms, cache: report.cache, peakRssMB: hwm ? Number(hwm[1]) / 1024 : null, max: report.periods.find((p) => p.period === 'MAX') }),
  );
  process.exit(0);
}

const symbols = Number(opt('symbols', '1000'));
const years = Number(opt('years', '10'));
const today = '2026-11-27';
const dir = mkdtempSync(join(tmpdir(), 'portfolio-bench-'));
const dbPath = join(dir, 'portfolio.db');
try {
  const { openDb } = await import(dist('store/db.js'));
  const { insertTransactions } = await import(dist('store/transactions.js'));
  const { dayToIso, isoToDay, isWeekend } = await import(dist('core/dates.js'));
  const db = openDb(dbPath);
  const end = isoToDay(today);
  const start = end - Math.round(years * 365.25);
  const tg = performance.now();
  // Deterministic random walk per symbol (xorshift), weekdays only, like exchange closes.
  let seed = 42;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) % 1_000_000) / 1_000_000;
  };
  const closes = db.prepare(`INSERT INTO daily_closes (symbol, date, close, currency, source) VALUES (?, ?, ?, 'USD', 'bench')`);
  const txs = [];
  for (let d = start; d <= end; d += 30) txs.push(tx(dayToIso(d), 'deposit', { amount: 20_000 }));
  const firstPrice = new Map();
  db.transaction(() => {
    for (let s = 0; s < symbols; s++) {
      const sym = `S${String(s).padStart(4, '0')}`;
      let p = 20 + rnd() * 200;
      for (let d = start; d <= end; d++) {
        if (isWeekend(d)) continue;
        p *= 1 + (rnd() - 0.499) * 0.04;
        if (!firstPrice.has(sym)) firstPrice.set(sym, p);
        closes.run(sym, dayToIso(d), Math.round(p * 100) / 100);
      }
    }
  })();
  // One buy per symbol in the first year, a partial sell and a yearly dividend for every tenth.
  for (let s = 0; s < symbols; s++) {
    const sym = `S${String(s).padStart(4, '0')}`;
    const day = start + 1 + Math.floor((s * 360) / symbols);
    txs.push(tx(dayToIso(day), 'buy', { symbol: sym, quantity: 10, price: firstPrice.get(sym), fee: 1 }));
    if (s % 10 === 0) {
      txs.push(tx(dayToIso(day + 400), 'sell', { symbol: sym, quantity: 3, price: firstPrice.get(sym), fee: 1 }));
      for (let y = 1; y < years; y++) txs.push(tx(dayToIso(day + y * 365), 'dividend', { symbol: sym, amount: 5 }));
    }
  }
  txs.sort((a, b) => a.date.localeCompare(b.date));
  insertTransactions(db, txs);
  const nCloses = db.prepare('SELECT COUNT(*) AS n FROM daily_closes').get().n;
  db.close();
  console.log(
    `workload: ${symbols} symbols, ${years} years, ${nCloses} closes, ${txs.length} transactions (generated in ${((performance.now() - tg) / 1000).toFixed(1)} s)`,
  );

  const run = (day) => {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--compute', dbPath, day], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout);
  };
  const show = (label, r) =>
    console.log(`${label}: ${r.ms.toFixed(0)} ms (cache ${r.cache}), peak RSS ${r.peakRssMB?.toFixed(0)} MB`);
  console.log('portfolio performance, every period (1D WTD MTD YTD 1Y 3Y 5Y MAX: value series, TWR, IRR), each in a fresh process:');
  const cold = run(today);
  show('  cold (no cache, all closes loaded)', cold);
  show('  cached (same day again)', run(today));
  // A daily warm adds one new day of closes for every symbol: only that day is computed.
  const next = dayToIso(end + 3); // the Monday after
  const db3 = openDb(dbPath);
  const add = db3.prepare(`INSERT INTO daily_closes (symbol, date, close, currency, source) VALUES (?, ?, ?, 'USD', 'bench')`);
  db3.transaction(() => {
    for (let s = 0; s < symbols; s++) add.run(`S${String(s).padStart(4, '0')}`, next, 50 + (s % 50));
  })();
  db3.close();
  show(`  next day (${symbols} new closes, series extended)`, run(next));
  console.log(`  MAX: end value ${cold.max.endValue.toFixed(2)}, twr ${(cold.max.twr * 100).toFixed(2)}%, irr ${(cold.max.irr * 100).toFixed(2)}%`);

  if (args.includes('--hledger')) {
    const has = spawnSync('sh', ['-c', 'command -v hledger'], { encoding: 'utf8' }).status === 0;
    if (!has) console.log('hledger not on PATH: skipped');
    else {
      const { writeJournal } = await import(dist('ledger/journal.js'));
      const db2 = openDb(dbPath);
      const journal = join(dir, 'bench.journal');
      const chunks = [];
      await writeJournal(db2, (s) => void chunks.push(s), 'USD');
      writeFileSync(journal, chunks.join(''));
      db2.close();
      console.log(`journal: ${(statSync(journal).size / 1e6).toFixed(1)} MB`);
      for (const cmd of [
        ['-f', journal, 'bal', '-V'],
        ['-f', journal, 'roi', '--inv', 'assets:portfolio', '--pnl', 'income|expenses', '--value=then,USD'],
      ]) {
        const t = performance.now();
        const limit = Number(opt('hledger-timeout', '300'));
        try {
          execFileSync('hledger', cmd, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30, timeout: limit * 1000 });
          console.log(`hledger ${cmd.slice(2).join(' ')} (one period): ${((performance.now() - t) / 1000).toFixed(2)} s`);
        } catch (err) {
          if (err.signal !== 'SIGTERM') throw err;
          console.log(`hledger ${cmd.slice(2).join(' ')} (one period): stopped after ${limit} s without an answer`);
        }
      }
    }
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dbPath}`);
}

function tx(date, type, p) {
  return { date, type, symbol: null, quantity: null, price: null, amount: null, fee: 0, currency: 'USD', account: 'main', note: null, ratio: null, ...p };
}
