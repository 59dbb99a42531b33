import type { Command } from 'commander';
import { UsageError } from '../../base/errors.js';
import { todayIso } from '../../core/dates.js';
import type { Deps } from '../../deps.js';
import type { LookupIsins } from '../../ledger/importers/types.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { refreshAfterChange } from '../../jobs/refresh-stored.js';

/** ISIN -> symbol for the importers: `--isin` first, then the symbol search (market layer), each ISIN once. */
function isinLookup(deps: Deps, given: string[]): LookupIsins {
  const fixed = new Map<string, string>();
  for (const pair of given) {
    const m = /^\s*([A-Za-z0-9]{12})\s*=\s*(\S+)\s*$/.exec(pair);
    if (!m) throw new UsageError(`--isin: "${pair}" is not ISIN=SYMBOL (e.g. --isin US0378331005=AAPL)`);
    fixed.set((m[1] as string).toUpperCase(), (m[2] as string).toUpperCase());
  }
  return async (isins) => {
    const { lookupIsinSymbols } = await import('../../market/search/isin-lookup.js');
    return lookupIsinSymbols({ db: deps.db(), config: deps.config(), env: deps.env, now: () => deps.clock.now() }, isins, fixed);
  };
}

export const registerImport: Register = (program: Command, deps: Deps) => {
  program
    .command('import')
    .description('import transactions from our CSV or another tool\'s file (all or nothing; re-importing adds nothing)')
    .argument('<file>', 'our CSV (date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio,...), or a Ghostfolio, IBKR Flex, Trading 212 or Portfolio Performance export')
    .option('--from <format>', 'auto, portfolio, ghostfolio, ibkr, trading212 or pp (default: detected from the content)', 'auto')
    .option('--account <name>', 'account for the imported rows of a broker file (default: the file\'s own account id, or the broker\'s name)')
    .option('--dry-run', 'check the file and show what each row becomes, without writing')
    .option('--future', 'accept rows dated after today (they count from their date on)')
    .option('--json', 'print the summary as JSON')
    .option('--force', 'accept symbols that no provider knows')
    .option('--isin <ISIN=SYMBOL>', 'the symbol for an ISIN-only row (repeatable); other ISINs are looked up by the symbol search', (v: string, all: string[]) => [...all, v], [] as string[])
    .addHelpText(
      'after',
      `
Only date and type are always required; columns may come in any order, names are case-insensitive.
Types: buy, sell (symbol, quantity, price, fee), dividend (symbol, amount), interest, fee,
deposit, withdrawal (amount), split (symbol, ratio N:M), tax, tax_refund (amount, symbol),
transfer (to_account; symbol and quantity, or amount), rename (symbol, to_symbol, ratio),
spinoff (symbol, to_symbol, ratio, fraction). currency defaults to the base currency,
account to "default". Every error is printed as FILE:LINE: COLUMN: message and nothing is written.

Examples:
  $ portfolio import examples/sample.csv --dry-run
  $ portfolio import examples/sample.csv
  $ portfolio import ghostfolio-export.json --dry-run
  $ portfolio import flex-statement.xml --from ibkr`,
    )
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean; force?: boolean; from: string; account?: string; future?: boolean; isin: string[] }) => {
      const { importCsv } = await import('../../ledger/import-csv.js');
      const { describeTx } = await import('../../ledger/describe-tx.js');
      const { FORMATS, parseFile } = await import('../../ledger/importers/detect.js');
      if (!(FORMATS as readonly string[]).includes(opts.from)) throw new UsageError(`--from: "${opts.from}" is not one of ${FORMATS.join(', ')}`);
      const parsed = await parseFile(file, file, opts.from as (typeof FORMATS)[number], {
        today: todayIso(deps.clock.now()),
        ...(opts.account ? { account: opts.account } : {}),
        lookupIsins: isinLookup(deps, opts.isin),
      });
      const summary = await importCsv(deps.db(), {
        path: file,
        name: file,
        baseCurrency: deps.config().baseCurrency,
        dryRun: opts.dryRun === true,
        vetSymbols: opts.force ? undefined : async (symbols) => {
          const { checkSymbols } = await import('../../market/symbol-check.js');
          const check = await checkSymbols(deps, symbols);
          for (const w of check.warnings) deps.stderr.write(`portfolio: warning: ${w}\n`);
          return new Map(check.refused.map((r) => [r.symbol, `${r.message} (--force imports it anyway)`]));
        },
        ...(parsed ? { records: parsed.records, warnings: parsed.warnings } : {}),
        today: todayIso(deps.clock.now()),
        allowFuture: opts.future === true,
        signal: deps.signal,
      });
      for (const w of summary.warnings) deps.stderr.write(`warning: ${file}:${w}\n`);
      if (opts.json) writeJson(deps, summary);
      else {
        const types = Object.entries(summary.byType)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ');
        const counts = `${summary.added} transaction${summary.added === 1 ? '' : 's'}${types ? ` (${types})` : ''}`;
        const already = `${summary.alreadyImported} already imported`;
        if (!summary.dryRun) writeLine(deps, `imported ${counts} from ${file}; ${already}`);
        else {
          writeLine(deps, `dry run: would add ${counts} from ${file}; ${already}; nothing was written`);
          for (const tx of summary.preview) writeLine(deps, `  ${tx.where}: + ${describeTx(tx)}`);
          if (summary.added > summary.preview.length) writeLine(deps, `  ... and ${summary.added - summary.preview.length} more`);
        }
      }
      if (!summary.dryRun && summary.added > 0) await refreshAfterChange(deps);
    });
};
