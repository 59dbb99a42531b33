import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { InputError } from '../../base/errors.js';
import { useColor, writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

const SYMBOL = /^[A-Za-z0-9^][A-Za-z0-9.=^-]{0,31}$/;
const LIST_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

function symbolsOf(args: readonly string[]): string[] {
  const bad = args.filter((s) => !SYMBOL.test(s));
  if (bad.length > 0) throw new InputError(`"${bad[0]}" does not look like a symbol (e.g. AAPL, VOD.L, BTC-USD, EURUSD=X)`);
  return [...new Set(args.map((s) => s.toUpperCase()))];
}

function listName(name: string | undefined): string {
  const n = (name ?? 'watchlist').normalize('NFC').trim();
  if (!LIST_NAME.test(n)) throw new InputError(`"${name}" is not a usable list name (letters, digits, space, _ . -; at most 40)`);
  return n;
}

/** A list that must exist already (rm, list): exit 1 naming the lists that do. */
async function existingList(deps: Deps, name: string | undefined): Promise<string> {
  const n = listName(name);
  const { watchlistExists, listWatchlists } = await import('../../store/watchlists.js');
  if (!watchlistExists(deps.db(), n)) {
    throw new InputError(`no watchlist named "${n}"; lists: ${listWatchlists(deps.db()).map((l) => l.name).join(', ')}`);
  }
  return n;
}

export const registerWatch: Register = (program: Command, deps: Deps) => {
  const watch = program
    .command('watch')
    .description('watchlists: follow symbols you do not hold (refreshed with your holdings)')
    .addHelpText('after', `\nExamples:\n  $ portfolio watch add TSLA BTC-USD\n  $ portfolio watch add SAP.DE --list europe\n  $ portfolio watch list\n  $ portfolio watch lists\n  $ portfolio watch rm TSLA`);

  watch
    .command('add')
    .description('add symbols to a watchlist (created if new)')
    .argument('<symbols...>', 'Yahoo symbols, e.g. TSLA BTC-USD VOD.L')
    .option('--list <name>', 'watchlist name', 'watchlist')
    .option('--force', 'accept symbols that no provider knows')
    .action(async (args: string[], opts: { list?: string; force?: boolean }) => {
      const symbols = symbolsOf(args);
      const list = listName(opts.list);
      const { vetSymbols } = await import('../../market/symbol-check.js');
      await vetSymbols(deps, symbols, { force: opts.force, what: 'added' });
      const { addWatched } = await import('../../store/watchlists.js');
      const added = addWatched(deps.db(), list, symbols, deps.clock.now());
      const already = symbols.filter((s) => !added.includes(s));
      writeLine(deps, `${list}: added ${added.length > 0 ? added.join(', ') : 'nothing'}${already.length > 0 ? ` (already watched: ${already.join(', ')})` : ''}`);
    });

  watch
    .command('rm')
    .description('remove symbols from a watchlist')
    .argument('<symbols...>', 'symbols to remove')
    .option('--list <name>', 'watchlist name', 'watchlist')
    .action(async (args: string[], opts: { list?: string }) => {
      const symbols = symbolsOf(args);
      const list = await existingList(deps, opts.list);
      const { removeWatched } = await import('../../store/watchlists.js');
      const removed = removeWatched(deps.db(), list, symbols);
      const missing = symbols.filter((s) => !removed.includes(s));
      if (removed.length === 0) throw new InputError(`${list}: not watched: ${missing.join(', ')}`);
      writeLine(deps, `${list}: removed ${removed.join(', ')}${missing.length > 0 ? ` (not watched: ${missing.join(', ')})` : ''}`);
    });

  watch
    .command('list')
    .description('a watchlist with prices from the local cache (no network)')
    .option('--list <name>', 'watchlist name', 'watchlist')
    .option('--json', 'print JSON')
    .action(async (opts: { list?: string; json?: boolean }) => {
      const list = await existingList(deps, opts.list);
      const { buildWatchReport } = await import('../../ledger/watch-report.js');
      const report = buildWatchReport(deps.db(), list, { now: deps.clock.now(), ttlSeconds: deps.config().quoteTtlSeconds });
      if (opts.json) return writeJson(deps, report);
      if (report.symbols.length === 0) return writeLine(deps, `${list} is empty: add symbols with "portfolio watch add TSLA BTC-USD${list === 'watchlist' ? '' : ` --list ${list}`}"`);
      const { renderWatchList } = await import('../../ledger/watch-table.js');
      writeLine(deps, renderWatchList(report, useColor(deps)));
    });

  watch
    .command('lists')
    .description('every watchlist and how many symbols it has')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { listWatchlists } = await import('../../store/watchlists.js');
      const lists = listWatchlists(deps.db());
      if (opts.json) return writeJson(deps, { lists });
      for (const l of lists) writeLine(deps, `${l.name.padEnd(20)} ${l.count} symbol${l.count === 1 ? '' : 's'}`);
    });
};
