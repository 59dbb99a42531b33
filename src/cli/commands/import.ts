import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

export const registerImport: Register = (program: Command, deps: Deps) => {
  program
    .command('import')
    .description('import transactions from a CSV file (all or nothing; re-importing adds nothing)')
    .argument('<file>', 'CSV with a header: date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio')
    .option('--dry-run', 'check the file and show what would be added, without writing')
    .option('--json', 'print the summary as JSON')
    .option('--force', 'accept symbols that no provider knows')
    .addHelpText(
      'after',
      `
Only date and type are always required; columns may come in any order, names are case-insensitive.
Types: buy, sell (symbol, quantity, price, fee), dividend (symbol, amount), interest, fee,
deposit, withdrawal (amount), split (symbol, ratio N:M). currency defaults to the base currency,
account to "default". Every error is printed as FILE:LINE: COLUMN: message and nothing is written.

Examples:
  $ portfolio import examples/sample.csv --dry-run
  $ portfolio import examples/sample.csv`,
    )
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean; force?: boolean }) => {
      const { importCsv } = await import('../../ledger/import-csv.js');
      const { describeTx } = await import('../../ledger/describe-tx.js');
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
      });
      if (opts.json) {
        writeJson(deps, summary);
        return;
      }
      const types = Object.entries(summary.byType)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      const counts = `${summary.added} transaction${summary.added === 1 ? '' : 's'}${types ? ` (${types})` : ''}`;
      const already = `${summary.alreadyImported} already imported`;
      if (!summary.dryRun) {
        writeLine(deps, `imported ${counts} from ${file}; ${already}`);
        return;
      }
      writeLine(deps, `dry run: would add ${counts} from ${file}; ${already}; nothing was written`);
      for (const tx of summary.preview) writeLine(deps, `  + ${describeTx(tx)}`);
      if (summary.added > summary.preview.length) writeLine(deps, `  ... and ${summary.added - summary.preview.length} more`);
    });
};
