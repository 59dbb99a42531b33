import { once } from 'node:events';
import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { AppError, InputError } from '../../base/errors.js';
import type { Register } from './index.js';

/** Writes with back-pressure, so a big export to a slow pipe does not pile up in memory. */
function writerFor(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return async (text) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
}

/** An interrupt (deps.signal) stops the export between chunks: a file export then never replaces the old file. */
function stoppable(write: (text: string) => Promise<void>, signal: AbortSignal, what: string): (text: string) => Promise<void> {
  return async (text) => {
    if (signal.aborted) throw new AppError(`export stopped; ${what}`, { cause: signal.reason });
    await write(text);
    // A write to a pipe or file completes at once; let the event loop run so a signal is seen.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}

export const registerExport: Register = (program: Command, deps: Deps) => {
  program
    .command('export')
    .description('write every transaction as CSV (re-importable), JSON, or an hledger/Ledger journal')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'ledger']).default('csv'))
    .option('--output <file>', 'write to this file instead of stdout')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas;
"portfolio import" removes that prefix again.

Examples:
  $ portfolio export > ledger.csv
  $ portfolio export --format json --output ledger.json
  $ portfolio export --format ledger > portfolio.journal   (transactions plus P price directives)`,
    )
    .action(async (opts: { format: 'csv' | 'json' | 'ledger'; output?: string; json?: boolean }) => {
      const db = deps.db();
      const format = opts.json ? 'json' : opts.format;
      const exportAll = async (write: (text: string) => Promise<void>): Promise<number> => {
        if (format === 'ledger') {
          // A journal is text for people and hledger: no control characters from notes or symbols.
          const [{ writeJournal }, { sanitizeLines }] = await Promise.all([import('../../ledger/journal.js'), import('../../base/sanitize.js')]);
          return writeJournal(db, (text) => write(sanitizeLines(text)), deps.config().baseCurrency);
        }
        const { exportLedger } = await import('../../ledger/export-ledger.js');
        return exportLedger(db, format, write);
      };
      if (!opts.output) {
        await exportAll(stoppable(writerFor(deps.stdout), deps.signal, 'the output above is incomplete'));
        return;
      }
      const { writeFileAtomically } = await import('../../store/atomic-file.js');
      const output = opts.output;
      const n = await writeFileAtomically(output, (write) => exportAll(stoppable(write, deps.signal, `${output} was left as it was`))).catch((err: NodeJS.ErrnoException) => {
        if (err.code && !err.code.startsWith('SQLITE')) throw new InputError(`cannot write ${output}: ${err.message}`);
        throw err;
      });
      deps.stderr.write(`exported ${n} transactions to ${output}\n`);
    });
};
