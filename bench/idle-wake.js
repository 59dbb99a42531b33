#!/usr/bin/env node
/**
 * How long the first call takes after the process has been idle, on this machine:
 *
 *   npm run build && node bench/idle-wake.js [--rounds 3]
 *
 * Opens a database with the app's openDb, then for each idle time sleeps that long and times one
 * `db.prepare('SELECT 1')` (no I/O to speak of: it only checks the schema) and one
 * `new Date().toISOString()`, each right after the sleep and once more at once. On an ordinary
 * machine every number is well under a millisecond; a VM that pages out idle memory shows it here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { openDb } = await import(join(ROOT, 'dist', 'store', 'db.js'));
const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 3;

const dir = mkdtempSync(join(tmpdir(), 'portfolio-idle-'));
const db = openDb(join(dir, 'p.db'));
const ms = (fn) => {
  const t = performance.now();
  fn();
  return (performance.now() - t).toFixed(2);
};
const sleep = (t) => new Promise((r) => setTimeout(r, t));
console.log('idle ms   prepare after idle / again   Date after idle / again   (ms)');
for (let r = 0; r < rounds; r++) {
  for (const idle of [10, 300, 1100, 3000]) {
    await sleep(idle);
    const p1 = ms(() => db.prepare('SELECT 1'));
    const p2 = ms(() => db.prepare('SELECT 1'));
    await sleep(idle);
    const d1 = ms(() => new Date().toISOString());
    const d2 = ms(() => new Date().toISOString());
    console.log(`${String(idle).padStart(7)}   ${p1.padStart(8)} / ${p2.padEnd(17)} ${d1.padStart(8)} / ${d2}`);
  }
}
db.close();
rmSync(dir, { recursive: true, force: true });
