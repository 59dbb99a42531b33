import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { formatQty } from '../../base/format.js';
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
      const { listTransactions } = await import('../../store/transactions.js');
      const txs = listTransactions(deps.db(), { symbol: opts.symbol?.trim().toUpperCase(), account: opts.account });
      if (opts.json) {
        writeJson(deps, txs);
        return;
      }
      if (txs.length === 0) {
        const filters = [opts.symbol && `symbol ${opts.symbol.trim().toUpperCase()}`, opts.account && `account ${opts.account}`].filter(Boolean);
        writeLine(
          deps,
          filters.length > 0
            ? sanitize(`no transactions for ${filters.join(' in ')}`)
            : 'no transactions recorded yet (see "portfolio add --help" and "portfolio import --help")',
        );
        return;
      }
      const { tableLines, writeLines } = await import('../../base/text-table.js');
      const n = (v: number | null) => (v === null ? '' : formatQty(v));
      const spec = {
        head: ['id', 'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'ccy', 'account', 'ratio', 'note'],
        align: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left'] as const,
      };
      const rows = txs.map((t) => [t.id, t.date, t.type, t.symbol ?? '', n(t.quantity), n(t.price), n(t.amount), t.fee ? n(t.fee) : '', t.currency, t.account, t.ratio ?? '', t.note ?? '']);
      writeLines(deps.stdout, tableLines(spec, rows));
    });
};
