import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
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
        writeLine(deps, 'no transactions recorded yet (see "portfolio add --help" and "portfolio import --help")');
        return;
      }
      const { default: Table } = await import('cli-table3');
      const n = (v: number | null) => (v === null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: 8 }));
      const table = new Table({
        head: ['id', 'date', 'type', 'symbol', 'quantity', 'price', 'amount', 'fee', 'ccy', 'account', 'ratio', 'note'],
        style: { head: [], border: [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
        colAligns: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left'],
      });
      for (const t of txs) {
        table.push([t.id, t.date, t.type, t.symbol ?? '', n(t.quantity), n(t.price), n(t.amount), t.fee ? n(t.fee) : '', t.currency, t.account, t.ratio ?? '', t.note ?? '']);
      }
      writeLine(deps, table.toString());
    });
};
