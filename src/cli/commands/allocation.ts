import { Option, type Command } from 'commander';
import { ALLOCATION_KINDS, type AllocationKind } from '../../core/allocation.js';
import type { Deps } from '../../deps.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

/** The options shared by `allocation`, `rebalance` and the dashboard's allocation panel. */
export function allocationOptions(deps: Deps) {
  const config = deps.config();
  return {
    baseCurrency: config.baseCurrency,
    costMethod: config.costMethod,
    now: deps.clock.now(),
    ttlSeconds: config.quoteTtlSeconds,
    overrides: config.symbols,
  };
}

export const registerAllocation: Register = (program: Command, deps: Deps) => {
  program
    .command('allocation')
    .description('value and weight per asset class, currency, account, symbol, country or sector, with targets and drift (no network)')
    .addOption(new Option('--by <kind>', 'how to group').choices([...ALLOCATION_KINDS]).default('class'))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Classes come from what the provider says of each instrument (equity, etf, fund, crypto, currency);
config "symbols": {"BND": {"class": "bond", "country": "US", "sector": "bonds"}} overrides them.
Uninvested cash is its own group. Set targets with "portfolio target set".

Examples:
  $ portfolio allocation
  $ portfolio allocation --by currency --json`,
    )
    .action(async (opts: { by: AllocationKind; json?: boolean }) => {
      const { allocationReport } = await import('../../ledger/allocation-report.js');
      const report = allocationReport(deps.db(), opts.by, allocationOptions(deps));
      if (opts.json) {
        writeJson(deps, report);
      } else if (report.groups.length === 0) {
        writeLine(deps, 'nothing to allocate yet: record transactions with "portfolio add" or "portfolio import FILE"');
      } else {
        const { renderAllocation } = await import('../../ledger/allocation-table.js');
        writeLine(deps, renderAllocation(report));
      }
      for (const w of report.warnings) deps.stderr.write(`warning: ${w}\n`);
    });
};
