import { Option, type Command } from 'commander';
import { ALLOCATION_KINDS, checkTargets, type AllocationKind } from '../../core/allocation.js';
import type { Deps } from '../../deps.js';
import { InputError } from '../../base/errors.js';
import { formatPct } from '../../base/format.js';
import { writeJson, writeLine } from '../output.js';
import type { Register } from './index.js';

const byOption = () => new Option('--by <kind>', 'the grouping the target is for').choices([...ALLOCATION_KINDS]).default('class');

/** A group name as typed: classes, currencies and countries are case-insensitive words; symbols upper case. */
function groupName(kind: AllocationKind, text: string): string {
  const g = text.trim();
  if (g === '' || g.length > 60 || [...g].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) throw new InputError('the group must be a short name such as equity, USD or AAPL');
  if (kind === 'symbol' || kind === 'currency' || kind === 'country') return g.toUpperCase();
  if (kind === 'class') return g.toLowerCase();
  return g;
}

export const registerTarget: Register = (program: Command, deps: Deps) => {
  const target = program
    .command('target')
    .description('target allocation: the weight each group should have (used by allocation and rebalance)')
    .addHelpText('after', `\nExamples:\n  $ portfolio target set equity 80\n  $ portfolio target set bond 20\n  $ portfolio target set VTI 60 --by symbol\n  $ portfolio target list\n  $ portfolio target rm bond`);

  target
    .command('set')
    .description('set GROUP to PCT percent of the portfolio (targets of one kind add up to at most 100)')
    .argument('<group>', 'a class (equity, etf, bond, crypto, cash...), currency, account, symbol, country or sector')
    .argument('<pct>', 'percent, 0 to 100')
    .addOption(byOption())
    .option('--json', 'print the target as JSON')
    .action(async (groupArg: string, pctArg: string, opts: { by: AllocationKind; json?: boolean }) => {
      const pct = Number(pctArg.replace(/%$/, ''));
      if (pctArg.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) throw new InputError(`the percentage must be a number from 0 to 100, not "${pctArg.slice(0, 20)}"`);
      const group = groupName(opts.by, groupArg);
      const { setTarget } = await import('../../store/targets.js');
      const problem = setTarget(deps.db(), { kind: opts.by, group, weight: pct / 100 }, checkTargets, deps.clock.now());
      if (problem) throw new InputError(`target not set: with ${group} at ${pct}%, the ${opts.by} ${problem}`);
      if (opts.json) writeJson(deps, { by: opts.by, group, target: pct / 100 });
      else writeLine(deps, `target ${group} (${opts.by}) set to ${formatPct(pct / 100, 1)}`);
    });

  target
    .command('list')
    .description('list targets')
    .addOption(new Option('--by <kind>', 'only this grouping').choices([...ALLOCATION_KINDS]))
    .option('--json', 'print JSON')
    .action(async (opts: { by?: AllocationKind; json?: boolean }) => {
      const { listTargets } = await import('../../store/targets.js');
      const targets = listTargets(deps.db(), opts.by);
      if (opts.json) return writeJson(deps, { targets: targets.map((t) => ({ by: t.kind, group: t.group, target: t.weight })) });
      if (targets.length === 0) return writeLine(deps, 'No targets. Set one with: portfolio target set equity 80');
      let kind = '';
      for (const t of targets) {
        if (t.kind !== kind) {
          kind = t.kind;
          const sum = targets.filter((x) => x.kind === kind).reduce((a, x) => a + x.weight, 0);
          writeLine(deps, `by ${kind} (${formatPct(sum, 1)} set):`);
        }
        writeLine(deps, `  ${t.group.padEnd(16)} ${formatPct(t.weight, 1).padStart(7)}`);
      }
    });

  target
    .command('rm')
    .description('remove a target')
    .argument('<group>', 'the group')
    .addOption(byOption())
    .action(async (groupArg: string, opts: { by: AllocationKind }) => {
      const group = groupName(opts.by, groupArg);
      const { listTargets, removeTarget } = await import('../../store/targets.js');
      if (!removeTarget(deps.db(), opts.by, group)) {
        const have = listTargets(deps.db(), opts.by).map((t) => t.group);
        throw new InputError(`no ${opts.by} target for ${group}${have.length ? ` (targets: ${have.join(', ')})` : ''}`);
      }
      writeLine(deps, `target ${group} (${opts.by}) removed`);
    });
};
