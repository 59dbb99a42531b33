// Preload for test/first-frame-bundle.test.ts: prints `load dist/ui/NAME` for each dist/ui file
// that Node loads (CommonJS require of the bundle, or an ES import of the unbundled fallback).
'use strict';
const Module = require('node:module');
const { relative, join } = require('node:path');
const root = join(__dirname, '..', '..');
const seen = new Set();
const report = (file) => {
  const rel = relative(root, file).split('\\').join('/');
  if (rel.startsWith('dist/ui/') && !seen.has(rel)) {
    seen.add(rel);
    process.stdout.write(`load ${rel}\n`);
  }
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    report(Module._resolveFilename(request, parent, isMain));
  } catch {
    // not resolvable here: let Node report it
  }
  return load.apply(this, arguments);
};
Module.register?.('data:text/javascript,' + encodeURIComponent(`export async function load(url, context, next) { if (url.includes('/dist/ui/')) process.stdout.write('load dist/ui/' + url.split('/dist/ui/')[1] + '\\n'); return next(url, context); }`));
