/**
 * `portfolio dashboard` (also `portfolio` with no subcommand): the live TUI. Cheap to import: the
 * dashboard modules load inside the action, and Ink only after the first frame is on screen.
 */
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../base/errors.js';

export function registerDashboard(program: Command, deps: Deps): void {
  program
    .command('dashboard', { isDefault: true })
    .description('live dashboard: holdings from the cache at once, prices refreshed progressively, charts')
    .addHelpText('after', `\nExamples:
  $ portfolio                       the dashboard (same as "portfolio dashboard")
  $ portfolio dashboard --offline   cached prices only, no network`)
    .option('--offline', 'never touch the network: cached prices only')
    // The default command receives unknown subcommands as arguments: reject them as usage errors.
    .allowExcessArguments()
    .action(async (opts: { offline?: boolean }, command: Command) => {
      if (command.args.length > 0) {
        throw new UsageError(`unknown command '${command.args[0]}' (run "portfolio --help" for the list of commands)`);
      }
      const { runDashboard } = await import('../../ui/run-dashboard.js');
      await runDashboard(deps, { offline: opts.offline === true });
    });
}
