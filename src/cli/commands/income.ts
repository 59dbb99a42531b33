import type { Command } from 'commander';
import { cashflowBy } from '../../core/cashflows.js';
import { todayIso } from '../../core/dates.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

export const registerIncome: Register = (program: Command, deps: Deps) => {
  program
    .command('income')
    .description('dividends and interest: gross, tax withheld, net; yields; trailing and forward twelve months (no network)')
    .option('--by <period>', 'month, quarter or year', 'year')
    .option('--symbol <symbol>', 'one symbol only')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Tax withheld is a "tax" transaction naming the symbol (less "tax_refund"). The forward estimate
projects each holding's own payments: its frequency and last amount per share, times the shares
held today, at the latest FX rate. See docs/gains-and-income.md.

Examples:
  $ portfolio income
  $ portfolio income --by quarter --symbol VOD.L --json`,
    )
    .action(async (opts: { by: string; symbol?: string; json?: boolean }) => {
      const by = cashflowBy(opts.by);
      if (!by) throw new UsageError(`--by must be month, quarter or year, not "${opts.by}"`);
      const config = deps.config();
      const now = deps.clock.now();
      const { incomeReport } = await import('../../returns/income-report.js');
      const report = incomeReport(deps.db(), {
        by,
        today: todayIso(now),
        now,
        baseCurrency: config.baseCurrency,
        costMethod: config.costMethod,
        ttlSeconds: config.quoteTtlSeconds,
        symbol: opts.symbol?.toUpperCase(),
        longTermMonths: config.gains.longTermMonths,
      });
      if (opts.json) writeJson(deps, report);
      else {
        const { incomeTables } = await import('../../returns/income-output.js');
        writeLine(deps, incomeTables(report));
      }
      for (const w of report.warnings) deps.stderr.write(`warning: ${w}\n`);
    });
};
