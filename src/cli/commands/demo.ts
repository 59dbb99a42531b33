/**
 * `portfolio demo`: the dashboard on a sample portfolio priced by the simulated market, in its own
 * database (PORTFOLIO_HOME/demo.db or demo.db beside the default database): never the user's data,
 * never the network.
 */
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { resolvePaths } from '../../paths.js';

export function registerDemo(program: Command, deps: Deps): void {
  program
    .command('demo')
    .description('open the dashboard on a sample portfolio and simulated market (no network, own database)')
    .addHelpText('after', `\nExamples:
  $ portfolio demo           the sample portfolio (demo.db, never your own database)
  $ portfolio demo --reset   rebuild the sample portfolio`)
    .option('--reset', 'rebuild the sample portfolio from scratch')
    .action(async (opts: { reset?: boolean }) => {
      const { demoDbPath, ensureDemoData } = await import('../../demo/demo-db.js');
      // The user's --db is never used for the demo: the sample data lives in its own file.
      const path = demoDbPath(deps.env, resolvePaths(deps.env).dbPath);
      if (opts.reset) {
        const { rmSync } = await import('node:fs');
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      }
      deps.setDbOverride(path);
      deps.config().provider = 'sim';
      ensureDemoData(deps.db(), deps.clock.now());
      const { runDashboard } = await import('../../ui/run-dashboard.js');
      await runDashboard(deps, { offline: false, label: 'demo portfolio (simulated prices)' });
    });
}
