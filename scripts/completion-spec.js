#!/usr/bin/env node
/**
 * Writes dist/cli/completion/spec.json, the command tree shell completion offers, from the compiled
 * commander program (run by `npm run build` after tsc). A completion request (bin/portfolio.js,
 * `portfolio complete -- ...`) reads it instead of loading commander and every command module.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { createProgram } = await import(join(dist, 'cli', 'program.js'));
const { createDeps } = await import(join(dist, 'deps.js'));
const { buildCompletionSpec } = await import(join(dist, 'cli', 'completion', 'spec.js'));
const spec = buildCompletionSpec(createProgram(createDeps({ env: {} })));
writeFileSync(join(dist, 'cli', 'completion', 'spec.json'), `${JSON.stringify(spec)}\n`);
