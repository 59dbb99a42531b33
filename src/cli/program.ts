import { Command, CommanderError, Option } from 'commander';
import { aboutInstall, formatVersion } from '../status/about.js';
import { resolvePaths } from '../paths.js';
import type { Deps } from '../deps.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from './version.js';

/** Builds the commander program around injected dependencies (tests pass their own). */
export function createProgram(deps: Deps): Command {
  const program = new Command('portfolio');
  program
    .description('Track your investments from the terminal: ledger, holdings, returns and a live dashboard.')
    .addOption(new Option('--db <file>', 'use this database file instead of the default'))
    .addOption(new Option('--adopt-db', 'allow turning a SQLite file portfolio did not create into a portfolio database'))
    .option('-V, --version', 'print the version, Node.js and schema versions, and where the data and config live')
    .showHelpAfterError('(run "portfolio --help" for usage)')
    .configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => deps.stderr.write(s),
    })
    .exitOverride()
    .hook('preAction', (thisCommand) => {
      const opts = thisCommand.optsWithGlobals() as { db?: string; adoptDb?: boolean };
      deps.setDbOverride(opts.db, opts.adoptDb === true);
    });
  program.on('option:version', () => {
    const about = aboutInstall(VERSION, resolvePaths(deps.env, (program.opts() as { db?: string }).db));
    deps.stdout.write(`${formatVersion(about).join('\n')}\n`);
    throw new CommanderError(0, 'commander.version', VERSION);
  });
  program.addHelpText(
    'after',
    `
Examples:
  $ portfolio demo                      open the dashboard on a sample portfolio
  $ portfolio import trades.csv         record transactions from a CSV file
  $ portfolio holdings                  holdings with cost basis and gains
  $ portfolio warm                      refresh prices (for crontab)

Data: PORTFOLIO_HOME=DIR, or XDG data/config folders. Exit codes: 0 ok, 1 failure, 2 usage, 75 try later, 130/143 stopped by SIGINT/SIGTERM.`,
  );
  for (const register of COMMANDS) register(program, deps);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}
