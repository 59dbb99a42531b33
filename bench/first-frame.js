#!/usr/bin/env node
/**
 * Time to first frame of `portfolio dashboard` in a pseudo-terminal, against a minimal Node script
 * that reads the same holdings with better-sqlite3 and prints them (the floor for any Node CLI).
 *
 *   npm run build && node bench/first-frame.js [--holdings 20,1000] [--runs 15] [--quote-age S] [--json]
 *
 * For each size: a temp PORTFOLIO_HOME with N holdings and cached quotes; the dashboard runs with
 * PORTFOLIO_YAHOO_URL pointing at a local server that accepts connections and never answers (the
 * first frame must not care), `q` is sent once the UI is live and the time to exit is recorded too.
 * --quote-age S dates the cached quotes S seconds back (default 0: just fetched, so every row is
 * fresh by age alone; 72000 is "last evening's warm", where freshness needs exchange hours).
 * Prints medians and p90s; --json prints the raw numbers for a benchmark harness.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'portfolio.js');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SIZES = String(opt('holdings', '20,1000')).split(',').map(Number);
const RUNS = Number(opt('runs', '15'));
const JSON_OUT = args.includes('--json');
const QUOTE_AGE_S = Number(opt('quote-age', '0'));

const { openDb } = await import(join(ROOT, 'dist', 'store', 'db.js'));

function makeHome(n) {
  const home = mkdtempSync(join(tmpdir(), 'portfolio-bench-'));
  const db = openDb(join(home, 'portfolio.db'));
  const now = new Date(Date.now() - QUOTE_AGE_S * 1000).toISOString();
  db.prepare("INSERT INTO accounts (name) VALUES ('default')").run();
  const tx = db.prepare(`INSERT INTO transactions (date, type, symbol, quantity, price, fee, currency, account_id) VALUES (?, 'buy', ?, ?, ?, 0, 'USD', 1)`);
  const q = db.prepare(`INSERT INTO quotes (symbol, price, previous_close, currency, name, market_time, market_state, exchange_timezone, fetched_at, source)
    VALUES (?, ?, ?, 'USD', ?, ?, 'REGULAR', 'America/New_York', ?, 'yahoo')`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const sym = `S${String(i).padStart(4, '0')}`;
      tx.run('2024-01-02', sym, 10 + (i % 7), 50 + (i % 90));
      tx.run('2024-06-03', sym, 5, 60 + (i % 80));
      q.run(sym, 70 + (i % 100), 69 + (i % 100), `${sym} Holdings Inc.`, now, now);
    }
  })();
  db.close();
  return home;
}

// The floor: open the database, read each holding with its latest price, print a line per row.
const BASELINE = `import { createRequire } from 'node:module';
const Database = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const rows = db.prepare(\`SELECT t.symbol, SUM(t.quantity) AS qty, q.price FROM transactions t
  LEFT JOIN quotes q ON q.symbol = t.symbol GROUP BY t.symbol ORDER BY t.symbol\`).all();
let out = '';
for (const r of rows) out += r.symbol + ' ' + r.qty + ' ' + r.price + ' ' + (r.qty * r.price).toFixed(2) + '\\n';
out += 'END\\n';
process.stdout.write(out);
// Stay a moment so the pty delivers everything before the exit (not part of the timing).
setTimeout(() => {}, 300);
`;

function runPty(file, argv, env, marker, { quitAfterMs } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = pty.spawn(process.execPath, [file, ...argv], { cols: 120, rows: 40, cwd: ROOT, env });
    let out = '';
    let frameMs = null;
    let quitAt = null;
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`timeout; output: ${out.slice(-500)}`));
    }, 15_000);
    p.onData((d) => {
      out += d;
      if (frameMs === null && out.includes(marker)) {
        frameMs = performance.now() - t0;
        if (quitAfterMs !== undefined) {
          setTimeout(() => {
            quitAt = performance.now();
            p.write('q');
          }, quitAfterMs);
        }
      }
    });
    p.onExit(({ exitCode }) => {
      const exitedMs = performance.now();
      clearTimeout(timer);
      // node-pty can report the exit before the last output is read: give it a moment.
      setTimeout(() => {
        if (frameMs === null) return reject(new Error(`no frame (exit ${exitCode}): ${out.slice(-500)}`));
        resolve({ frameMs, quitMs: quitAt === null ? null : exitedMs - quitAt, exitCode });
      }, 100);
    });
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0] };
};

// A provider that accepts connections and never answers.
const sockets = new Set();
const hang = createServer((sock) => sockets.add(sock));
await new Promise((r) => hang.listen(0, '127.0.0.1', r));
const hangUrl = `http://127.0.0.1:${hang.address().port}`;

const results = [];
for (const n of SIZES) {
  const home = makeHome(n);
  const script = join(home, 'baseline.mjs');
  writeFileSync(script, BASELINE);
  const baseEnv = { PATH: process.env.PATH, HOME: home, TERM: 'xterm-256color' };
  const base = [];
  const dash = [];
  const quit = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate so machine noise hits both equally.
    const b = await runPty(script, [join(home, 'portfolio.db')], baseEnv, 'END');
    base.push(b.frameMs);
    const d = await runPty(BIN, ['dashboard'], { ...baseEnv, PORTFOLIO_HOME: home, PORTFOLIO_YAHOO_URL: hangUrl, LANG: 'C.UTF-8' }, '✕ missing', { quitAfterMs: 700 });
    dash.push(d.frameMs);
    if (d.quitMs !== null) quit.push(d.quitMs);
  }
  rmSync(home, { recursive: true, force: true });
  const r = { holdings: n, runs: RUNS, quoteAgeSeconds: QUOTE_AGE_S, baselineMs: stats(base), dashboardMs: stats(dash), quitMs: stats(quit) };
  r.ratio = r.dashboardMs.median / r.baselineMs.median;
  results.push(r);
  if (!JSON_OUT) {
    const f = (x) => x.toFixed(0).padStart(4);
    console.log(
      `${String(n).padStart(5)} holdings: baseline median ${f(r.baselineMs.median)} ms (p90 ${f(r.baselineMs.p90)}) · dashboard first frame median ${f(r.dashboardMs.median)} ms (p90 ${f(r.dashboardMs.p90)}) · ratio ${r.ratio.toFixed(2)} · quit while refresh hangs median ${f(r.quitMs.median)} ms (max ${f(Math.max(...quit))})`,
    );
  }
}
for (const s of sockets) s.destroy();
hang.close();
if (JSON_OUT) console.log(JSON.stringify(results, null, 2));
