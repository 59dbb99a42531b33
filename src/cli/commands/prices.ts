import type { Command } from 'commander';
import { todayIso } from '../../core/dates.js';
import type { Deps } from '../../deps.js';
import { InputError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { refreshAfterChange } from '../../jobs/refresh-stored.js';

export const registerPrices: Register = (program: Command, deps: Deps) => {
  const prices = program
    .command('prices')
    .description('manual daily closes for assets no provider covers (a manual close wins over a fetched one)')
    .addHelpText(
      'after',
      `
Examples:
  $ portfolio prices set MYFUND 12.34 --date 2024-06-28
  $ portfolio prices import closes.csv      (columns: symbol,date,close)`,
    );

  prices
    .command('import')
    .description('record manual closes from a CSV with columns symbol,date,close (all or nothing)')
    .argument('<file>', 'CSV file with a header row symbol,date,close')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Example:
  $ cat closes.csv
  symbol,date,close
  MYFUND,2024-06-27,12.10
  MYFUND,2024-06-28,12.34
  $ portfolio prices import closes.csv`,
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const { importPrices } = await import('../../ledger/prices-import.js');
      const r = await importPrices(deps.db(), file, file);
      if (opts.json) writeJson(deps, r);
      else writeLine(deps, `recorded ${r.rows} manual close${r.rows === 1 ? '' : 's'} for ${r.symbols} symbol${r.symbols === 1 ? '' : 's'} from ${file}`);
      await refreshAfterChange(deps);
    });

  prices
    .command('set')
    .description('record one manual close')
    .argument('<symbol>', 'symbol, e.g. MYFUND or EURUSD=X')
    .argument('<close>', 'closing price (> 0) in the symbol\'s currency')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--json', 'print the recorded close as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ portfolio prices set MYFUND 12.34
  $ portfolio prices set GBPUSD=X 1.27 --date 2024-06-28`,
    )
    .action(async (symbol: string, close: string, opts: { date?: string; json?: boolean }) => {
      const { validateClose } = await import('../../ledger/prices-import.js');
      const { setManualCloses } = await import('../../store/prices.js');
      const r = validateClose(symbol, opts.date ?? todayIso(deps.clock.now()), close);
      if (Array.isArray(r)) {
        const where: Record<string, string> = { symbol: 'SYMBOL', date: '--date', close: 'CLOSE' };
        throw new InputError('invalid price; nothing was recorded', r.map((e) => `  ${where[e.column] ?? e.column}: ${e.message}`));
      }
      setManualCloses(deps.db(), [r]);
      if (opts.json) writeJson(deps, r);
      else writeLine(deps, `recorded manual close ${r.symbol} ${r.date} ${r.close}`);
      await refreshAfterChange(deps);
    });

  for (const cmd of prices.commands) cmd.exitOverride().configureOutput(program.configureOutput());
};
