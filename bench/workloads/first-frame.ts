/**
 * First frame: the real binary (`node bin/portfolio.js dashboard --offline`) in a pseudo-terminal,
 * from spawn until the holdings table is on screen, against the floor: a minimal Node script that
 * opens the same database with better-sqlite3, reads as many holdings rows and prints them.
 * Same approach as bench/first-frame.js (engineer D's), but on the generated workload's database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pty from 'node-pty';
import { NOW } from './generate.js';
import { BIN, ROOT, median } from './util.js';

// The floor: open the database, one row per holding with its latest price, print a line per row.
const FLOOR = `import { createRequire } from 'node:module';
const Database = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const rows = db.prepare(\`SELECT t.symbol, SUM(CASE t.type WHEN 'buy' THEN t.quantity WHEN 'sell' THEN -t.quantity ELSE 0 END) AS qty, q.price
  FROM transactions t LEFT JOIN quotes q ON q.symbol = t.symbol WHERE t.symbol IS NOT NULL GROUP BY t.symbol ORDER BY t.symbol\`).all();
let out = '';
for (const r of rows) out += r.symbol + ' ' + r.qty + ' ' + r.price + ' ' + (r.qty * r.price).toFixed(2) + '\\n';
out += 'END-OF-FLOOR\\n';
process.stdout.write(out);
// Stay a moment, as the dashboard does: a pty that closes at once can drop the last output unread.
setTimeout(() => {}, 300);
`;

export interface PtyRun {
  frameMs: number;
  output: string;
}

/** Spawns argv in a 120x40 pty and resolves when `marker` appears (then, after `holdMs`, quits it). */
export function timePty(argv: string[], env: NodeJS.ProcessEnv, marker: RegExp | string, timeoutMs = 30_000, holdMs = 0): Promise<PtyRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = pty.spawn(process.execPath, argv, { cols: 120, rows: 40, cwd: ROOT, env: env as Record<string, string> });
    let out = '';
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      p.kill('SIGKILL');
      reject(new Error(`no frame within ${timeoutMs} ms; output: ${out.slice(-400)}`));
    }, timeoutMs);
    p.onData((d) => {
      out += d;
      if (!done && (typeof marker === 'string' ? out.includes(marker) : marker.test(out))) {
        done = true;
        const frameMs = performance.now() - t0;
        clearTimeout(timer);
        setTimeout(() => {
          p.write('q');
          setTimeout(() => {
            try {
              p.kill('SIGKILL');
            } catch {
              // already gone
            }
            resolve({ frameMs, output: out });
          }, 300);
        }, holdMs);
      }
    });
    p.onExit(() => {
      // node-pty can report the exit before the last output has been read: give it a moment.
      setTimeout(() => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(new Error(`exited before the frame; output: ${out.slice(-400)}`));
      }, 250);
    });
  });
}

export interface FirstFrame {
  firstFrameMs: number;
  floorMs: number;
  samples: { dashboard: number[]; floor: number[] };
}

/**
 * Median over `runs` alternating launches (noise hits both alike). The dashboard's frame counts as
 * on screen when the table's last visible holding row and the status line have been written: the
 * first frame is written in one piece, so the `marker` (a symbol shown in it) is enough.
 */
export async function firstFrame(home: string, dbPath: string, runs: number, marker: string): Promise<FirstFrame> {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const script = join(home, 'floor.mjs');
  writeFileSync(script, FLOOR);
  const env = { PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8', PORTFOLIO_HOME: home, PORTFOLIO_NOW: NOW };
  const dashboard: number[] = [];
  const floor: number[] = [];
  // One unmeasured run of each: the OS file cache, not the code, would otherwise decide the first sample.
  await timePty([script, dbPath], env, 'END-OF-FLOOR');
  await timePty([BIN, 'dashboard', '--offline', '--db', dbPath], env, marker);
  for (let i = 0; i < runs; i++) {
    floor.push((await timePty([script, dbPath], env, 'END-OF-FLOOR')).frameMs);
    dashboard.push((await timePty([BIN, 'dashboard', '--offline', '--db', dbPath], env, marker)).frameMs);
  }
  return { firstFrameMs: median(dashboard), floorMs: median(floor), samples: { dashboard, floor } };
}
