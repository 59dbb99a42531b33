#!/usr/bin/env node
// Tiny launcher: everything lives in the compiled dist/ tree. The dashboard (the default command)
// takes a fast path that skips commander and the other command modules, loaded from one bundled
// file (scripts/bundle-first-frame.js): its first frame must paint within 1.5x of a bare
// better-sqlite3 script (bench/first-frame.js). A missing or stale bundle (older than the tsc
// output) is skipped: the same code then loads unbundled.
import { statSync } from 'node:fs';

const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = mtime('../dist/ui/first-frame.js') >= mtime('../dist/ui/fast-start.js') && mtime('../dist/ui/fast-start.js') > 0;
const fastStart = await import(bundled ? '../dist/ui/first-frame.js' : '../dist/ui/fast-start.js');
const fast = await fastStart.fastDashboard(process.argv);
if (fast !== null) {
  process.exitCode = fast;
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
