import { Option, type Command } from 'commander';
import { todayIso } from '../../core/dates.js';
import { TX_TYPES } from '../../core/types.js';
import { validateTx, type TxColumn } from '../../core/validate-tx.js';
import type { Deps } from '../../deps.js';
import { InputError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { refreshAfterChange } from '../../jobs/refresh-stored.js';

interface AddOptions {
  price?: string;
  amount?: string;
  fee?: string;
  date?: string;
  currency?: string;
  account?: string;
  note?: string;
  ratio?: string;
  toAccount?: string;
  toSymbol?: string;
  fraction?: string;
  future?: boolean;
  json?: boolean;
  force?: boolean;
}

const WHERE: Record<TxColumn, string> = {
  date: '--date', type: 'TYPE', symbol: 'SYMBOL', quantity: 'QUANTITY', price: '--price', amount: '--amount',
  fee: '--fee', currency: '--currency', account: '--account', note: '--note', ratio: '--ratio',
  to_account: '--to-account', to_symbol: '--to-symbol', fraction: '--fraction',
};

export const registerAdd: Register = (program: Command, deps: Deps) => {
  program
    .command('add')
    .description('record one transaction')
    .argument('<type>', TX_TYPES.join(', '))
    .argument('[symbol]', 'Yahoo symbol (buy, sell, dividend, split; optional for interest and fee)')
    .argument('[quantity]', 'shares, for buy and sell (> 0)')
    .option('--price <price>', 'price per share in --currency, for buy and sell (>= 0)')
    .option('--amount <amount>', 'cash amount for dividend, interest, fee, deposit, withdrawal (> 0)')
    .option('--fee <fee>', 'broker fee of a buy or sell (>= 0)')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--currency <code>', 'currency of price/amount/fee (default: the base currency)')
    .option('--account <name>', 'account name', 'default')
    .option('--note <text>', 'free text')
    .option('--ratio <N:M>', 'split, rename or spinoff ratio: N new shares for M old, e.g. 4:1')
    .option('--to-account <name>', 'transfer: the receiving account')
    .option('--to-symbol <symbol>', 'rename, spinoff: the new symbol')
    .option('--fraction <f>', "spinoff: share (0 to 1) of the parent's cost basis the new shares take")
    .option('--future', 'allow a date after today (the transaction counts from that date on)')
    .addOption(new Option('--json', 'print the recorded transaction as JSON'))
    .option('--force', 'accept a symbol that no provider knows')
    .addHelpText(
      'after',
      `
Examples:
  $ portfolio add deposit --amount 10000 --date 2024-01-02
  $ portfolio add buy AAPL 10 --price 185.50 --fee 1 --date 2024-01-03
  $ portfolio add buy VOD.L 500 --price 0.72 --currency GBP --account isa
  $ portfolio add sell AAPL 4 --price 210 --fee 1
  $ portfolio add dividend AAPL --amount 9.60
  $ portfolio add split NVDA --ratio 10:1 --date 2024-06-10
  $ portfolio add tax KO --amount 1.38 --currency USD      (withheld on a KO dividend)
  $ portfolio add transfer AAPL 10 --account broker --to-account isa
  $ portfolio add rename FB --to-symbol META --date 2022-06-09
  $ portfolio add spinoff GE --to-symbol GEHC --ratio 1:3 --fraction 0.13`,
    )
    .action(async (type: string, symbol: string | undefined, quantity: string | undefined, opts: AddOptions) => {
      const result = validateTx(
        {
          date: opts.date ?? todayIso(deps.clock.now()),
          type,
          symbol,
          quantity,
          price: opts.price,
          amount: opts.amount,
          fee: opts.fee,
          currency: opts.currency,
          account: opts.account,
          note: opts.note,
          ratio: opts.ratio,
          to_account: opts.toAccount,
          to_symbol: opts.toSymbol,
          fraction: opts.fraction,
        },
        deps.config().baseCurrency,
      );
      if (!result.ok) {
        const details = result.errors.map((e) => `  ${WHERE[e.column]}: ${e.message}`);
        // `add deposit 1000` puts the amount where a symbol goes: say what was meant.
        if (symbol && /^[\d.]+$/.test(symbol) && opts.amount === undefined && result.errors.some((e) => e.column === 'symbol')) {
          details.push(`  (for a ${type.toLowerCase()}, give the amount as --amount ${symbol})`);
        }
        throw new InputError('invalid transaction; nothing was recorded', details);
      }
      const { futureProblem } = await import('../../core/position-rules.js');
      const future = futureProblem(result.tx.date, todayIso(deps.clock.now()), opts.future === true);
      if (future) throw new InputError('invalid transaction; nothing was recorded', [`  date: ${future}`]);
      if (result.tx.symbol) {
        const { vetSymbols } = await import('../../market/symbol-check.js');
        await vetSymbols(deps, [result.tx.symbol], { force: opts.force });
      }
      const { addTransaction } = await import('../../ledger/ledger-writes.js');
      const { describeTx } = await import('../../ledger/describe-tx.js');
      const tx = addTransaction(deps.db(), result.tx);
      if (opts.json) writeJson(deps, tx);
      else writeLine(deps, `added ${describeTx(tx)}`);
      await refreshAfterChange(deps);
    });
};
