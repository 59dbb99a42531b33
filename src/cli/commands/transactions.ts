import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { sanitize } from '../../base/sanitize.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

export const registerTransactions: Register = (program: Command, deps: Deps) => {
  program
    .command('transactions')
    .description('list recorded transactions in date order')
    .option('--symbol <symbol>', 'only this symbol')
    .option('--account <name>', 'only this account')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ portfolio transactions
  $ portfolio transactions --symbol AAPL --json`,
    )
    .action(async (opts: { symbol?: string; account?: string; json?: boolean }) => {
      const store = await import('../../store/transactions.js');
      const filter = { symbol: opts.symbol?.trim().toUpperCase(), account: opts.account };
      if (opts.json) {
        writeJson(deps, store.listTransactions(deps.db(), filter));
        return;
      }
      const { transactionsTable } = await import('../../ledger/transactions-table.js');
      const widths = store.transactionTextWidths(deps.db(), filter);
      if (widths.rows === 0) {
        const filters = [opts.symbol && `symbol ${opts.symbol.trim().toUpperCase()}`, opts.account && `account ${opts.account}`].filter(Boolean);
        writeLine(
          deps,
          filters.length > 0
            ? sanitize(`no transactions for ${filters.join(' in ')}`)
            : 'no transactions recorded yet (see "portfolio add --help" and "portfolio import --help")',
        );
        return;
      }
      const { writeLinesAsync } = await import('../../base/text-table.js');
      await writeLinesAsync(deps.stdout, transactionsTable(store.iterateTransactions(deps.db(), filter), widths), { signal: deps.signal });
    });
};
