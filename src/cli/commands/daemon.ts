import type { Command } from 'commander';
import type { Deps } from '../../deps.js';

export function registerDaemon(program: Command, deps: Deps): void {
  program
    .command('daemon')
    .description('keep the price cache warm on a schedule, raise notifications and alerts (one per database)')
    .addHelpText('after', `\nExamples:
  $ portfolio daemon
  $ portfolio daemon --quotes-cron '*/2 * * * 1-5' --log-json`)
    .option('--quotes-cron <expr>', 'schedule of quote refreshes: quotes never fetched or taken before their market\'s last close, any day (default config daemon.quotesCron, "*/5 * * * *")')
    .option('--history-cron <expr>', 'schedule of daily history after the close (default config daemon.historyCron, "30 22 * * 1-5")')
    .option('--log-json', 'log JSON lines on stderr instead of human lines')
    .addHelpText(
      'after',
      `
Cron expressions have 5 fields (minute hour day month weekday), or 6 with leading seconds, in local time.
SIGTERM or SIGINT stops it (exit 0 within 5 s); SIGHUP reloads config.json.
Other schedules: config.json daemon.fxCron, daemon.warmCron, daemon.housekeepingCron.`,
    )
    .action(async (opts: { quotesCron?: string; historyCron?: string; logJson?: boolean }) => {
      const { runDaemon } = await import('../../jobs/daemon.js');
      deps.exitCode = await runDaemon(deps, opts);
      // An abandoned request may leave a socket behind; the daemon must still leave promptly.
      const code = deps.exitCode;
      setTimeout(() => process.exit(code), 1_000).unref();
    });
}
