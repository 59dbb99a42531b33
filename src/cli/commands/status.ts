import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { writeJson, writeLine } from '../output.js';
import { VERSION } from '../version.js';

export function registerStatus(program: Command, deps: Deps): void {
  program
    .command('status')
    .description('freshness, last warm, daemon heartbeat, circuit state and 24 h metrics (never touches the network)')
    .addHelpText('after', `\nExamples:
  $ portfolio status
  $ portfolio status --json`)
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { buildStatus } = await import('../../status/report.js');
      const { providerStatus, formatProviders } = await import('../../status/providers.js');
      const { aboutInstall, formatAbout } = await import('../../status/about.js');
      const report = buildStatus(deps.db(), deps.config(), deps.clock.now());
      const providers = providerStatus(deps.db(), deps.config(), deps.env, deps.clock.now());
      const about = aboutInstall(VERSION, deps.paths());
      if (opts.json) {
        const { jobs, ...rest } = report;
        writeJson(deps, { ...rest, providers, jobs: jobs.map((j) => ({ ...j })), about });
        return;
      }
      const { formatStatus } = await import('../../status/format.js');
      for (const line of [...formatStatus(report, deps.clock.now()), ...formatProviders(providers), ...formatAbout(about)]) writeLine(deps, line);
    });
}
