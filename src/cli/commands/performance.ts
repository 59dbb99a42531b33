import type { Command } from 'commander';
import { parseIsoDate, todayIso } from '../../core/dates.js';
import { isPeriodName, type PeriodName } from '../../core/periods.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../base/errors.js';
import { useColor, writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { writeWarnings } from '../warnings.js';


interface Opts {
  period?: string;
  from?: string;
  to?: string;
  by?: string;
  benchmark?: string[];
  json?: boolean;
}

function checkDate(name: string, value: string | undefined): void {
  if (value !== undefined && parseIsoDate(value) === null) throw new UsageError(`--${name} must be a date YYYY-MM-DD, not "${value}"`);
}

export const registerPerformance: Register = (program: Command, deps: Deps) => {
  program
    .command('performance')
    .description('time- and money-weighted returns, gains, dividends and fees by period (no network)')
    .option('--period <period>', 'one period: 1D, WTD, MTD, YTD, 1Y, 3Y, 5Y or MAX (default: a table of all)')
    .option('--from <date>', 'first day of a custom period (its start value is the close of the day before)')
    .option('--to <date>', 'last day (default today)')
    .option('--by <what>', 'break down by "symbol" or "account"')
    .option('--benchmark <symbol>', 'compare with a benchmark (repeatable; default: config "benchmark")', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
TWR chains daily returns (money in counts at the start of its day, money out at its end); IRR is
the money-weighted annual rate (XIRR, Actual/365). Accounts with deposits or withdrawals track
cash; others count buys as money in and sells, dividends and interest as money out.

Examples:
  $ portfolio performance
  $ portfolio performance --period YTD --json
  $ portfolio performance --from 2024-01-01 --to 2024-06-30 --by symbol
  $ portfolio performance --benchmark VTI`,
    )
    .action(async (opts: Opts) => {
      let period: PeriodName | undefined;
      if (opts.period !== undefined) {
        if (!isPeriodName(opts.period)) throw new UsageError(`--period must be one of 1D, WTD, MTD, YTD, 1Y, 3Y, 5Y, MAX, not "${opts.period}"`);
        period = opts.period.toUpperCase() as PeriodName;
      }
      if (period && opts.from) throw new UsageError('use either --period or --from, not both');
      checkDate('from', opts.from);
      checkDate('to', opts.to);
      const today = todayIso(deps.clock.now());
      if (opts.from && opts.from > (opts.to ?? today)) throw new UsageError(`--from ${opts.from} is after the end ${opts.to ?? today}`);
      if (opts.by !== undefined && opts.by !== 'symbol' && opts.by !== 'account') {
        throw new UsageError(`--by must be "symbol" or "account", not "${opts.by}"`);
      }
      const { performanceReport } = await import('../../returns/performance.js');
      const config = deps.config();
      const { benchmarksOf } = await import('../../config.js');
      const benchmarks = [...new Set((opts.benchmark ?? benchmarksOf(config)).map((b) => b.trim().toUpperCase()))];
      for (const b of benchmarks) if (!/^[A-Z0-9^][A-Z0-9.=^-]{0,31}$/.test(b)) throw new UsageError(`--benchmark must be a symbol such as VTI, not "${b.slice(0, 40)}"`);
      const report = performanceReport(deps.db(), {
        today,
        baseCurrency: config.baseCurrency,
        period,
        from: opts.from,
        to: opts.to,
        by: opts.by as 'symbol' | 'account' | undefined,
        costMethod: config.costMethod,
        longTermMonths: config.gains.longTermMonths,
        benchmarks,
      });
      const warnings = [...new Set([...report.periods.flatMap((p) => p.warnings), ...report.benchmarks.flatMap((b) => b.warnings)])];
      if (opts.json) {
        // The contract's keys describe one period: the one asked for, else MAX; `periods` lists all.
        const main = report.periods.find((p) => p.period === 'MAX') ?? report.periods[0];
        const mainIndex = main ? report.periods.indexOf(main) : 0;
        const benchmark = report.benchmarks.map((b) => {
          const bp = b.periods[mainIndex];
          return { symbol: b.symbol, currency: b.currency, twr: bp?.twr ?? null, excess: bp?.excess ?? null, sameMoney: bp?.sameMoney ?? null, dividendsReinvested: b.dividendsReinvested };
        });
        writeJson(deps, {
          ...main,
          ...(benchmark.length > 0 ? { benchmark: benchmark[0], benchmarks: report.benchmarks } : {}),
          baseCurrency: report.baseCurrency,
          warnings,
          ...(report.periods.length > 1 ? { periods: report.periods } : {}),
          ...(report.breakdown ? { by: report.breakdown.by, breakdown: report.breakdown.rows } : {}),
        });
        return;
      }
      if (report.inception === null) {
        writeLine(deps, 'no transactions yet: record them with "portfolio add" or "portfolio import FILE.csv"');
        return;
      }
      const { renderPerformance } = await import('../../returns/performance-table.js');
      writeLine(deps, renderPerformance(report, useColor(deps)));
      if (report.benchmarks.length > 0) {
        const { renderBenchmark } = await import('../../returns/benchmark-table.js');
        for (const b of report.benchmarks) writeLine(deps, `\n${renderBenchmark(b, report.periods, report.baseCurrency)}`);
      }
      writeWarnings(deps.stderr, warnings);
    });
};
