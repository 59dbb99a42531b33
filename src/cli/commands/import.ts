import type { Command } from 'commander';
import { todayIso } from '../../core/dates.js';
import type { Deps } from '../../deps.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

export const registerImport: Register = (program: Command, deps: Deps) => {
  program
    .command('import')
    .description('import transactions from a CSV file (all or nothing; re-importing adds nothing)')
    .argument('<file>', 'CSV with a header: date,type,symbol,quantity,price,amount,fee,currency,account,note,ratio')
    .option('--dry-run', 'check the file and show what would be added, without writing')
    .option('--future', 'accept rows dated after today (they count from their date on)')
    .option('--json', 'print the summary as JSON')
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
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean; future?: boolean }) => {
      const { importCsv } = await import('../../ledger/import-csv.js');
      const { describeTx } = await import('../../ledger/describe-tx.js');
      const summary = await importCsv(deps.db(), {
        path: file,
        name: file,
        baseCurrency: deps.config().baseCurrency,
        dryRun: opts.dryRun === true,
        today: todayIso(deps.clock.now()),
        allowFuture: opts.future === true,
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
