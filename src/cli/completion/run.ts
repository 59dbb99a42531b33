/**
 * `portfolio complete -- WORD...`: the shell scripts' request, served from bin/portfolio.js before
 * commander loads. The command tree comes from spec.json, written next to this module at build time;
 * without it (running from source) the commander program is walked instead, slower but the same.
 */
import { readFileSync } from 'node:fs';
import { resolvePaths } from '../../paths.js';
import { openWordSource } from '../../store/completion-words.js';
import { completeWords } from './complete.js';
import type { CompletionSpec } from './spec.js';

export interface CompleteIo {
  env?: NodeJS.ProcessEnv;
  stdout?: { write(s: string): unknown };
}

async function loadSpec(env: NodeJS.ProcessEnv): Promise<CompletionSpec> {
  try {
    return JSON.parse(readFileSync(new URL('./spec.json', import.meta.url), 'utf8')) as CompletionSpec;
  } catch {
    const [{ createProgram }, { createDeps }, { buildCompletionSpec }] = await Promise.all([
      import('../program.js'),
      import('../../deps.js'),
      import('./spec.js'),
    ]);
    return buildCompletionSpec(createProgram(createDeps({ env })));
  }
}

/** The `--db FILE` the user already typed, so its symbols are the ones offered. */
function dbOverride(words: readonly string[]): string | undefined {
  let db: string | undefined;
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i] as string;
    if (w === '--db' && i + 1 < words.length - 1) db = words[i + 1];
    else if (w.startsWith('--db=')) db = w.slice(5);
  }
  return db || undefined;
}

/** Writes the candidates and returns the exit code (always 0: a completion never fails loudly). */
export async function runComplete(words: readonly string[], io: CompleteIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const out = io.stdout ?? process.stdout;
  const spec = await loadSpec(env);
  const source = openWordSource(resolvePaths(env, dbOverride(words)).dbPath);
  try {
    out.write(`${completeWords(spec, words, source).join('\n')}\n`);
  } finally {
    source.close();
  }
  return 0;
}
