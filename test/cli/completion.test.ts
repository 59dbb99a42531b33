/**
 * Shell completion: the request path in-process (main), the bash script in a real bash (spawned,
 * with COMP_LINE/COMP_WORDS set as bash sets them), and the build-time spec against the live program.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildCompletionSpec } from '../../src/cli/completion/spec.js';
import { completionScript } from '../../src/cli/completion/scripts.js';
import { main } from '../../src/cli/main.js';
import { createProgram } from '../../src/cli/program.js';
import { TX_TYPES } from '../../src/core/types.js';
import { createDeps, fixedClock } from '../../src/deps.js';
import { openDb } from '../../src/store/db.js';
import { insertTransactions } from '../../src/store/transactions.js';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const clock = fixedClock('2025-03-12T15:00:00Z');

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => out };
}

/** A ledger with AAPL, AMZN (account isa) and MSFT, and a watchlist `tech` with ASML and EURUSD=X. */
function seed(withWatchlists = true): string {
  const home = tempDir();
  const db = openDb(join(home, 'portfolio.db'));
  const buy = (symbol: string, account = 'default') => ({ date: '2025-01-06', type: 'buy' as const, symbol, quantity: 1, price: 10, amount: null, fee: 0, currency: 'USD', account, note: null, ratio: null });
  insertTransactions(db, [buy('AAPL'), buy('AMZN', 'isa'), buy('MSFT')]);
  if (withWatchlists) {
    // The watchlist tables come with the watch feature's migration; created here when absent.
    db.exec(`CREATE TABLE IF NOT EXISTS watchlists (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS watchlist_symbols (list TEXT NOT NULL, symbol TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (list, symbol));
      INSERT OR IGNORE INTO watchlists (name, created_at) VALUES ('tech', '2025-01-06T00:00:00Z');
      INSERT OR IGNORE INTO watchlist_symbols (list, symbol, added_at) VALUES ('tech', 'ASML', '2025-01-06T00:00:00Z'), ('tech', 'EURUSD=X', '2025-01-06T00:00:00Z');`);
  } else {
    db.exec('DROP TABLE IF EXISTS watchlist_symbols; DROP TABLE IF EXISTS watchlists;');
  }
  db.close();
  return home;
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'portfolio', ...args], { env, clock, stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

/** The offered values (the directive line last). */
async function complete(words: string[], env: NodeJS.ProcessEnv): Promise<{ values: string[]; directive: string }> {
  const r = await run(['complete', '--', ...words], env);
  expect(r.code).toBe(0);
  const lines = r.out.trimEnd().split('\n');
  return { values: lines.slice(0, -1).map((l) => l.split('\t')[0] as string), directive: lines.at(-1) as string };
}

describe('portfolio complete (the request the shell scripts send)', () => {
  it('completes commands, options and option choices', async () => {
    const env = { PORTFOLIO_HOME: seed() };
    expect((await complete(['ho'], env)).values).toEqual(['holdings']);
    expect((await complete(['alert', ''], env)).values).toEqual(['add', 'list', 'rm']);
    expect((await complete(['holdings', '--j'], env)).values).toEqual(['--json']);
    expect((await complete(['export', '--format', ''], env)).values).toEqual(['csv', 'json', 'ledger']);
    const types = (await complete(['add', 's'], env)).values;
    expect(types).toEqual(TX_TYPES.filter((t) => t.startsWith('s')));
    expect(types).toEqual(expect.arrayContaining(['sell', 'split']));
  });

  it('completes symbols held or watched, account names and watchlist names from the database', async () => {
    const env = { PORTFOLIO_HOME: seed() };
    expect((await complete(['chart', 'A'], env)).values).toEqual(['AAPL', 'AMZN', 'ASML']);
    expect((await complete(['transactions', '--symbol', 'M'], env)).values).toEqual(['MSFT']);
    expect((await complete(['add', 'buy', 'X', '1', '--account', ''], env)).values).toEqual(['default', 'isa']);
    expect((await complete(['chart', 'E'], env)).values).toEqual(['EURUSD=X']);
  });

  it('tolerates a database without watchlist tables, and a missing database (which it does not create)', async () => {
    const env = { PORTFOLIO_HOME: seed(false) };
    expect((await complete(['chart', 'A'], env)).values).toEqual(['AAPL', 'AMZN']);
    const empty = tempDir();
    const none = await complete(['chart', ''], { PORTFOLIO_HOME: empty });
    expect(none).toEqual({ values: [], directive: ':4' });
    expect(existsSync(join(empty, 'portfolio.db'))).toBe(false);
  });

  it('reads the database named by --db on the line, and leaves file names to the shell for a file argument', async () => {
    const other = join(seed(), 'portfolio.db');
    const env = { PORTFOLIO_HOME: tempDir() };
    expect((await complete(['--db', other, 'chart', 'M'], env)).values).toEqual(['MSFT']);
    expect(await complete(['import', ''], env)).toEqual({ values: [], directive: ':0' });
  });
});

describe('portfolio completion SHELL', () => {
  it('prints a script for bash, zsh and fish that calls back `portfolio complete --`, and refuses other shells', async () => {
    const env = { PORTFOLIO_HOME: tempDir() };
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await run(['completion', shell], env);
      expect(r.code).toBe(0);
      expect(r.out).toContain('portfolio complete --');
    }
    expect((await run(['completion', 'bash'], env)).out).toContain('complete -F _portfolio_complete portfolio');
    expect((await run(['completion', 'fish'], env)).out).toContain('complete -c portfolio');
    const bad = await run(['completion', 'tcsh'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bash, zsh, fish/);
  });

  it('the spec built into dist/ is the live program\'s command tree', () => {
    const built = JSON.parse(readFileSync(join(dirname(BIN), '..', 'dist', 'cli', 'completion', 'spec.json'), 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(JSON.stringify(buildCompletionSpec(createProgram(createDeps({ env: {} }))))));
  });
});

describe('the bash script in a real bash', () => {
  /** Runs the completion function as bash would for `line` (cursor at its end); returns COMPREPLY. */
  function bashComplete(script: string, bin: string, env: NodeJS.ProcessEnv, line: string): Promise<string[]> {
    // bash's own split of the line: whitespace, and = and : as separate words (COMP_WORDBREAKS).
    const words = line.split(/(\s+|=|:)/).filter((w) => w.trim() !== '');
    if (/\s$/.test(line)) words.push('');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const program = [
      `source ${q(script)}`,
      `COMP_LINE=${q(line)}; COMP_POINT=${line.length}`,
      `COMP_WORDS=(${words.map(q).join(' ')}); COMP_CWORD=${words.length - 1}`,
      '_portfolio_complete',
      `printf '%s\\n' "\${COMPREPLY[@]}"`,
    ].join('\n');
    return new Promise((resolve, reject) => {
      execFile('bash', ['--norc', '--noprofile', '-c', program], { env: { ...env, PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin` }, timeout: 20_000 }, (err, stdout) => {
        if (err) reject(err);
        else resolve(stdout.split('\n').filter((l) => l !== ''));
      });
    });
  }

  it('completes `portfolio ho<TAB>` to holdings and `portfolio chart A<TAB>` to held symbols', async () => {
    const home = seed();
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, 'portfolio'));
    const script = join(home, 'portfolio.bash');
    writeFileSync(script, completionScript('bash'));
    const env = { HOME: home, PORTFOLIO_HOME: home, LANG: 'C.UTF-8' };
    const [ho, chart, flag, pair] = await Promise.all([
      bashComplete(script, bin, env, 'portfolio ho'),
      bashComplete(script, bin, env, 'portfolio chart A'),
      bashComplete(script, bin, env, 'portfolio transactions --symbol=M'),
      bashComplete(script, bin, env, 'portfolio chart EURUSD='),
    ]);
    expect(ho).toEqual(['holdings']);
    expect(chart.sort()).toEqual(['AAPL', 'AMZN', 'ASML']);
    expect(flag).toEqual(['MSFT']);
    // bash completes only the part after "=", so the reply is cut to it.
    expect(pair).toEqual(['X']);
  });
});

