import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { InputError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { refreshAfterChange } from '../../jobs/refresh-stored.js';

export const registerRemove: Register = (program: Command, deps: Deps) => {
  program
    .command('remove')
    .description('delete one recorded transaction by its id')
    .argument('<id>', 'the id shown by "portfolio transactions"')
    .option('--json', 'print the removed transaction as JSON')
    .addHelpText(
      'after',
      `
A removal that would leave a sell of more than is held is refused.

Example:
  $ portfolio transactions --symbol AAPL
  $ portfolio remove 12`,
    )
    .action(async (idText: string, opts: { json?: boolean }) => {
      if (!/^\d+$/.test(idText.trim())) throw new InputError(`"${idText}" is not a transaction id (a whole number, see "portfolio transactions")`);
      const { removeTransaction } = await import('../../ledger/ledger-writes.js');
      const { describeTx } = await import('../../ledger/describe-tx.js');
      const tx = removeTransaction(deps.db(), Number(idText));
      if (opts.json) writeJson(deps, tx);
      else writeLine(deps, `removed ${describeTx(tx)}`);
      await refreshAfterChange(deps);
    });
};
