import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { useColor, writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';
import { writeWarnings } from '../warnings.js';


export const registerHoldings: Register = (program: Command, deps: Deps) => {
  program
    .command('holdings')
    .description('holdings with cost basis, gains, weights and price age, from the local cache (no network)')
    .addOption(new Option('--cost-method <method>', 'cost basis method (default: config costMethod, else avg)').choices(['avg', 'fifo']))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Prices come from the cache filled by "portfolio warm" (or "portfolio prices set"); each row shows
its age. Missing prices or FX rates are reported as warnings on stderr, never guessed.

Examples:
  $ portfolio holdings
  $ portfolio holdings --cost-method fifo --json`,
    )
    .action(async (opts: { costMethod?: 'avg' | 'fifo'; json?: boolean }) => {
      const { buildHoldingsReport } = await import('../../ledger/holdings-report.js');
      const config = deps.config();
      const report = buildHoldingsReport(deps.db(), {
        baseCurrency: config.baseCurrency,
        costMethod: opts.costMethod ?? config.costMethod,
        now: deps.clock.now(),
        ttlSeconds: config.quoteTtlSeconds,
      });
      if (opts.json) {
        writeJson(deps, report);
      } else if (report.holdings.length === 0 && report.totals.cash === 0 && report.totals.realizedGain === 0) {
        writeLine(deps, 'no holdings yet: record transactions with "portfolio add" or "portfolio import FILE.csv"');
      } else {
        const [{ holdingsLines }, { writeLinesAsync }] = await Promise.all([import('../../ledger/holdings-table.js'), import('../../base/text-table.js')]);
        await writeLinesAsync(deps.stdout, holdingsLines(report, useColor(deps)), { signal: deps.signal });
      }
      writeWarnings(deps.stderr, report.warnings);
    });
};
