#!/usr/bin/env node
// Tiny launcher: everything lives in the compiled dist/ tree. The dashboard (the default command)
// takes a fast path that skips commander and the other command modules: its first frame must
// paint within 1.5x of a bare better-sqlite3 script (see bench/first-frame.js).
const { fastDashboard } = await import('../dist/ui/fast-start.js');
const fast = await fastDashboard(process.argv);
if (fast !== null) {
  process.exitCode = fast;
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
