#!/usr/bin/env node
/**
 * Bundles the dashboard's first-frame path (launcher fast path, deps, config, store, holdings
 * report, plain frame) into one file, dist/ui/first-frame.js. Loading ~30 small ES modules costs
 * ~10-15 ms more than one file, on a path whose whole budget is ~1.5x a bare better-sqlite3 script.
 * Everything after the first frame (Ink, the App, the market service) stays ordinary dist/ modules,
 * imported lazily from there. The output sits in dist/ui/ so relative imports keep working.
 * If the bundler is missing (it comes with the dev dependencies), bin/portfolio.js falls back to
 * dist/ui/fast-start.js, which works the same, just a little slower.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
let build;
try {
  ({ build } = await import('rolldown'));
} catch {
  console.warn('bundle-first-frame: rolldown not installed; the launcher will use dist/ui/fast-start.js');
  process.exit(0);
}
if (!existsSync(join(dist, 'ui', 'fast-start.js'))) {
  console.error('bundle-first-frame: run tsc first (dist/ui/fast-start.js is missing)');
  process.exit(1);
}

// Kept outside the bundle: native better-sqlite3; the error classes (one AppError class for
// `instanceof` across bundled and unbundled code); and everything loaded after the first frame.
const external = (id) =>
  id.startsWith('node:') ||
  id === 'better-sqlite3' ||
  /[\\/]cli[\\/]errors\.js$/.test(id) ||
  /[\\/]ui[\\/]mount\.js$/.test(id) ||
  /[\\/]market[\\/]/.test(id) ||
  ['ink', 'react', 'got', 'bottleneck', 'opossum'].includes(id);

const file = join(dist, 'ui', 'first-frame.js');
await build({
  input: join(dist, 'ui', 'fast-start.js'),
  external,
  platform: 'node',
  logLevel: 'warn',
  output: { file, format: 'esm', codeSplitting: false },
});

// better-sqlite3 is CommonJS: `require` loads it ~4 ms faster than an ES import (no export
// detection pass), and it is on the first frame's path.
const IMPORT = 'import Database from "better-sqlite3";';
const code = readFileSync(file, 'utf8');
if (code.includes(IMPORT)) {
  writeFileSync(file, code.replace(IMPORT, 'import { createRequire as __createRequire } from "node:module";\nconst Database = __createRequire(import.meta.url)("better-sqlite3");'));
}
