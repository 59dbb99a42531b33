import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { TempFailureError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

export const registerSearch: Register = (program: Command, deps: Deps) => {
  program
    .command('search')
    .description('find symbols by name, ticker or ISIN (Yahoo, CoinGecko, OpenFIGI)')
    .argument('<query...>', 'a name, a ticker or an ISIN')
    .option('--json', 'print JSON')
    .addHelpText('after', `\nExamples:\n  $ portfolio search apple\n  $ portfolio search bitcoin\n  $ portfolio search US0378331005     every listing of an ISIN`)
    .action(async (words: string[], opts: { json?: boolean }) => {
      const [{ searchSymbols }, { allWatchedSymbols }, { openPositions }] = await Promise.all([
        import('../../market/search/search.js'),
        import('../../store/watchlists.js'),
        import('../../jobs/symbols.js'),
      ]);
      const db = deps.db();
      const outcome = await searchSymbols({ db, config: deps.config(), env: deps.env, now: () => deps.clock.now() }, words.join(' '), { signal: deps.signal });
      // Interrupted: the providers' failures are the abort, not news; main() says it stopped.
      if (deps.signal.aborted) return;
      const held = openPositions(db);
      const watched = new Set(allWatchedSymbols(db));
      const results = outcome.results.map((h) => ({
        symbol: h.symbol, name: h.name, exchange: h.exchange, type: h.type, currency: h.currency, source: h.source,
        held: held.has(h.symbol), watched: watched.has(h.symbol), ...(h.isin ? { isin: h.isin } : {}),
      }));
      for (const f of outcome.failures) deps.stderr.write(`portfolio: warning: ${f.source} search failed (${f.message})${outcome.failures.length < outcome.sources.length ? '; showing what the others found' : ''}\n`);
      if (outcome.failures.length > 0 && outcome.failures.length === outcome.sources.length) {
        throw new TempFailureError(`search failed: no provider answered (${outcome.failures.map((f) => f.source).join(', ')}); try again later`);
      }
      if (opts.json) return writeJson(deps, { query: outcome.query, results, failures: outcome.failures });
      if (results.length === 0) return writeLine(deps, `nothing found for "${outcome.query}"`);
      for (const r of results) {
        const marks = [r.held ? 'held' : '', r.watched ? 'watched' : ''].filter(Boolean).join(', ');
        writeLine(deps, `${r.symbol.padEnd(12)} ${(r.name ?? '').slice(0, 36).padEnd(36)} ${(r.exchange ?? '').slice(0, 14).padEnd(14)} ${(r.type ?? '').padEnd(7)} ${(r.currency ?? '').padEnd(4)} ${r.source}${marks ? `  [${marks}]` : ''}`);
      }
    });
};
