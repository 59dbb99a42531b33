#!/usr/bin/env node
/**
 * Bundles the dashboard's first-frame path (launcher fast path, deps, config, store, holdings
 * report, plain frame, error funnel) into one CommonJS file, dist/ui/first-frame.cjs, which
 * bin/portfolio.js loads with require(). Measured in a pseudo-terminal (bench/first-frame.js): one
 * file instead of ~30 ES modules saves ~10-15 ms, and require() instead of import() another ~6-9 ms
 * (the ES loader reads and links asynchronously), on a path whose whole budget is ~1.5x a bare
 * better-sqlite3 script. Everything after the first frame (Ink, the App, the market service) stays
 * ordinary dist/ ES modules, imported lazily from there; the output sits in dist/ui/ so their
 * relative paths keep working. The bundle has its own copy of src/base/errors.ts, whose classes
 * recognise each other's instances (see there).
 * rolldown is a declared dev dependency: without it the build fails (a build without the bundle
 * would silently lose the first-frame goal). bin/portfolio.js still falls back to
 * dist/ui/fast-start.js when the bundle is missing or stale, for a half-built tree.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
let build;
try {
  ({ build } = await import('rolldown'));
} catch (err) {
  console.error(`bundle-first-frame: cannot load rolldown (a dev dependency; run npm install): ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
if (!existsSync(join(dist, 'ui', 'fast-start.js'))) {
  console.error('bundle-first-frame: run tsc first (dist/ui/fast-start.js is missing)');
  process.exit(1);
}

// Kept outside the bundle: node built-ins, native better-sqlite3, and everything loaded after the
// first frame (imported dynamically, so CommonJS can load those ES modules).
const external = (id) =>
  id.startsWith('node:') ||
  id === 'better-sqlite3' ||
  /[\\/]ui[\\/]mount\.js$/.test(id) ||
  /[\\/]market[\\/]/.test(id) ||
  ['ink', 'react', 'got', 'bottleneck'].includes(id);

await build({
  input: join(dist, 'ui', 'fast-start.js'),
  external,
  platform: 'node',
  logLevel: 'warn',
  output: { file: join(dist, 'ui', 'first-frame.cjs'), format: 'cjs', codeSplitting: false },
});
