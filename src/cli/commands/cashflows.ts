import type { Command } from 'commander';
import { cashflowBy, type CashflowRow } from '../../core/cashflows.js';
import { parseIsoDate } from '../../core/dates.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../base/errors.js';
import { formatMoney } from '../../base/format.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { writeWarnings } from '../warnings.js';


export const registerCashflows: Register = (program: Command, deps: Deps) => {
  program
    .command('cashflows')
    .description('money in and out per month, quarter or year, in the base currency (no network)')
    .option('--by <period>', 'month, quarter or year', 'month')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Amounts are positive magnitudes. "net" is external money in less external money out: deposits less
withdrawals for accounts that track cash; buys and fees in, sells, dividends and interest out for
accounts that do not. Buys and sells are gross trade values; trade fees are in "fees".

Examples:
  $ portfolio cashflows
  $ portfolio cashflows --by quarter --json`,
    )
    .action(async (opts: { by: string; from?: string; to?: string; json?: boolean }) => {
      const by = cashflowBy(opts.by);
      if (!by) throw new UsageError(`--by must be month, quarter or year, not "${opts.by}"`);
      for (const [name, v] of [['from', opts.from], ['to', opts.to]] as const) {
        if (v !== undefined && parseIsoDate(v) === null) throw new UsageError(`--${name} must be a date YYYY-MM-DD, not "${v}"`);
      }
      const { cashflowsReport } = await import('../../returns/cashflows-report.js');
      const report = cashflowsReport(deps.db(), {
        by,
        baseCurrency: deps.config().baseCurrency,
        from: opts.from,
        to: opts.to,
      });
      if (opts.json) {
        writeJson(deps, report);
        return;
      }
      if (report.rows.length === 0) writeLine(deps, 'no transactions in this range');
      else {
        const { tableLines, writeLines } = await import('../../base/text-table.js');
        const cols = ['deposits', 'withdrawals', 'dividends', 'interest', 'fees', 'buys', 'sells', 'net'] as const;
        const spec = { head: ['Period', ...cols.map((c) => c[0]?.toUpperCase() + c.slice(1))], align: ['left' as const, ...cols.map(() => 'right' as const)] };
        const cells = (r: CashflowRow) => [r.period, ...cols.map((c) => formatMoney(r[c]))];
        writeLines(deps.stdout, tableLines(spec, [...report.rows.map(cells), cells({ ...report.totals, period: 'Total' })]));
        writeLine(deps, `Amounts in ${report.baseCurrency}.`);
      }
      writeWarnings(deps.stderr, report.warnings);
    });
};
