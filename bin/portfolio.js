#!/usr/bin/env node
// Tiny launcher, CommonJS (bin/package.json): everything lives in the compiled dist/ tree. The
// dashboard (the default command) takes a fast path that skips commander and the other command
// modules, loaded with require() from one bundled file (scripts/bundle-first-frame.js): its first
// frame must paint within 1.5x of a bare better-sqlite3 script (bench/first-frame.js). A missing or
// stale bundle (older than the tsc output) is skipped: the same code then loads unbundled.
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const mtime = (rel) => {
  try {
    return statSync(join(dist, rel)).mtimeMs;
  } catch {
    return -1;
  }
};

async function run() {
  // Shell completion's request (`portfolio complete -- WORD...`): answered without commander.
  if (process.argv[2] === 'complete' && process.argv[3] === '--') {
    const { runComplete } = await import('../dist/cli/completion/run.js');
    return runComplete(process.argv.slice(4));
  }
  // Only a plain dashboard call (no arguments, or `dashboard`, `--offline`, `--db`: parseFastArgs)
  // can take the fast path: any other first argument goes straight to the full CLI without loading
  // the dashboard bundle.
  const first = process.argv[2];
  if (first !== undefined && first !== 'dashboard' && first !== '--offline' && !first.startsWith('--db')) {
    const { main } = await import('../dist/cli/main.js');
    return main(process.argv);
  }
  const fresh = mtime('ui/fast-start.js');
  const fastStart = fresh > 0 && mtime('ui/first-frame.cjs') >= fresh ? require('../dist/ui/first-frame.cjs') : await import('../dist/ui/fast-start.js');
  const fast = await fastStart.fastDashboard(process.argv);
  if (fast !== null) return fast;
  const { main } = await import('../dist/cli/main.js');
  return main(process.argv);
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Only a broken install gets here (every command funnels its own errors).
    process.stderr.write(`portfolio: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
