import { Option, type Command } from 'commander';
import { ALLOCATION_KINDS, type AllocationKind } from '../../core/allocation.js';
import type { Deps } from '../../deps.js';
import { InputError, UsageError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';
import { allocationOptions } from './allocation.js';
import type { Register } from './index.js';

function amount(text: string | undefined, what: string): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new InputError(`${what} must be an amount of 0 or more, not "${text.slice(0, 20)}"`);
  return n;
}

export const registerRebalance: Register = (program: Command, deps: Deps) => {
  program
    .command('rebalance')
    .description('the trades that bring the portfolio closest to its targets (records nothing; no network)')
    .option('--cash <amount>', 'new money to invest, in the base currency')
    .option('--no-sell', 'only buy: never sell to rebalance')
    .option('--min-trade <amount>', 'leave out trades smaller than this amount')
    .addOption(new Option('--by <kind>', 'which targets (default: the one kind that has targets)').choices(ALLOCATION_KINDS.filter((k) => k !== 'account')))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
New cash is used first; sells happen only when allowed; whole shares unless the instrument allows
fractions (crypto, or config "symbols": {"VTI": {"fractional": true}}). No trade overshoots its
group's target, so drift after is never worse than before.

Examples:
  $ portfolio target set equity 80 && portfolio target set bond 20
  $ portfolio rebalance --cash 1000
  $ portfolio rebalance --no-sell --min-trade 50 --json`,
    )
    .action(async (opts: { cash?: string; sell: boolean; minTrade?: string; by?: Exclude<AllocationKind, 'account'>; json?: boolean }) => {
      const newCash = amount(opts.cash, '--cash');
      const minTrade = amount(opts.minTrade, '--min-trade');
      const { targetKinds } = await import('../../store/targets.js');
      const kinds = targetKinds(deps.db()).filter((k): k is Exclude<AllocationKind, 'account'> => k !== 'account');
      let by = opts.by;
      if (!by) {
        if (kinds.length === 0) throw new InputError('no targets set: set some first, e.g. "portfolio target set equity 80" and "portfolio target set bond 20"');
        if (kinds.length > 1) throw new UsageError(`targets are set for ${kinds.join(' and ')}: say which with --by`);
        by = kinds[0] as Exclude<AllocationKind, 'account'>;
      } else if (!kinds.includes(by)) throw new InputError(`no ${by} targets set: set some with "portfolio target set GROUP PCT --by ${by}"`);
      const { rebalanceReport } = await import('../../ledger/allocation-report.js');
      const report = rebalanceReport(deps.db(), by, { ...allocationOptions(deps), newCash, allowSell: opts.sell, minTrade });
      if (opts.json) writeJson(deps, report);
      else {
        const { renderRebalance } = await import('../../ledger/allocation-table.js');
        writeLine(deps, renderRebalance(report));
      }
      for (const w of report.warnings) deps.stderr.write(`warning: ${w}\n`);
    });
};
