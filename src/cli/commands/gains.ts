import type { Command } from 'commander';
import { parseIsoDate, todayIso } from '../../core/dates.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

interface Opts {
  year?: string;
  from?: string;
  to?: string;
  costMethod?: string;
  by: string;
  currency: string;
  csv?: boolean;
  json?: boolean;
}

export const registerGains: Register = (program: Command, deps: Deps) => {
  program
    .command('gains')
    .description('realized gains: every sale, lot by lot under FIFO, with holding periods and totals (no network)')
    .option('--year <year>', 'one calendar year, e.g. 2024')
    .option('--from <date>', 'first sale date (YYYY-MM-DD)')
    .option('--to <date>', 'last sale date (default today)')
    .option('--cost-method <method>', 'avg or fifo (default: config costMethod)')
    .option('--by <what>', 'totals per "symbol" or "account"', 'symbol')
    .option('--currency <which>', '"base" (each leg at its own date\'s FX) or "native" (the security\'s currency)', 'base')
    .option('--csv', 'one row per lot consumed, for a spreadsheet or tax software')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Proceeds are net of the sell fee; a buy's fee is part of its cost. Under FIFO each row is one lot
consumed, with its acquisition date; under average cost one row per sale and holding term. A lot
is long-term when sold after the same date ${'`'}gains.longTermMonths${'`'} (default 12) months after
it was bought. See docs/gains-and-income.md.

Examples:
  $ portfolio gains --year 2024 --cost-method fifo --csv > gains-2024.csv
  $ portfolio gains --from 2024-01-01 --to 2024-06-30 --by account --json`,
    )
    .action(async (opts: Opts) => {
      if (opts.year !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new UsageError('use either --year or --from/--to, not both');
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new UsageError(`--year must be a year such as 2024, not "${opts.year}"`);
      for (const [name, v] of [['from', opts.from], ['to', opts.to]] as const) {
        if (v !== undefined && parseIsoDate(v) === null) throw new UsageError(`--${name} must be a date YYYY-MM-DD, not "${v}"`);
      }
      if (opts.costMethod !== undefined && opts.costMethod !== 'avg' && opts.costMethod !== 'fifo') throw new UsageError(`--cost-method must be "avg" or "fifo", not "${opts.costMethod}"`);
      if (opts.by !== 'symbol' && opts.by !== 'account') throw new UsageError(`--by must be "symbol" or "account", not "${opts.by}"`);
      if (opts.currency !== 'base' && opts.currency !== 'native') throw new UsageError(`--currency must be "base" or "native", not "${opts.currency}"`);
      if (opts.csv && opts.json) throw new UsageError('use either --csv or --json, not both');
      const today = todayIso(deps.clock.now());
      const from = opts.year ? `${opts.year}-01-01` : opts.from;
      const to = opts.year ? `${opts.year}-12-31` : (opts.to ?? today);
      if (from && from > to) throw new UsageError(`--from ${from} is after the end ${to}`);
      const config = deps.config();
      const { gainsReport } = await import('../../returns/gains-report.js');
      const report = gainsReport(deps.db(), {
        baseCurrency: config.baseCurrency,
        costMethod: (opts.costMethod as 'avg' | 'fifo' | undefined) ?? config.costMethod,
        longTermMonths: config.gains.longTermMonths,
        from,
        to,
        by: opts.by,
      });
      const native = opts.currency === 'native';
      if (opts.json) writeJson(deps, report);
      else if (opts.csv) {
        const { gainsCsv } = await import('../../returns/gains-output.js');
        deps.stdout.write(gainsCsv(report, native));
      } else {
        const { gainsTables } = await import('../../returns/gains-output.js');
        writeLine(deps, gainsTables(report, native));
      }
      for (const w of report.warnings) deps.stderr.write(`warning: ${w}\n`);
    });
};
