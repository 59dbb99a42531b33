import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { InputError, UsageError } from '../../base/errors.js';
import { writeJson, writeLine } from '../output.js';

const SYMBOL = /^[A-Za-z0-9^][A-Za-z0-9.=^-]{0,31}$/;

function positiveNumber(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InputError(`${what} must be a number greater than 0, not "${text}"`);
  return n;
}

function describe(a: { kind: string; threshold: number }): string {
  return a.kind === 'move' ? `day move beyond ±${a.threshold}%` : `${a.kind} ${a.threshold}`;
}

export function registerAlert(program: Command, deps: Deps): void {
  const alert = program
    .command('alert')
    .description('price alerts: fire once when crossed, re-arm when the price crosses back')
    .addHelpText('after', `\nExamples:\n  $ portfolio alert add AAPL above 250\n  $ portfolio alert add VOD.L move 5     a day move of 5% either way\n  $ portfolio alert list\n  $ portfolio alert rm 3`);

  alert
    .command('add')
    .description('add an alert: SYMBOL above|below PRICE, or SYMBOL move PCT (day move in percent)')
    .addHelpText('after', `\nExamples:\n  $ portfolio alert add AAPL above 250\n  $ portfolio alert add BTC-USD below 50000\n  $ portfolio alert add VOD.L move 5`)
    .argument('<symbol>', 'Yahoo symbol, e.g. AAPL or VOD.L')
    .argument('<kind>', 'above, below or move')
    .argument('<value>', 'a price (above/below) or a percentage (move)')
    .option('--json', 'print the new alert as JSON')
    .option('--force', 'accept a symbol that no provider knows')
    .action(async (symbolArg: string, kindArg: string, valueArg: string, opts: { json?: boolean; force?: boolean }) => {
      const kind = kindArg.toLowerCase();
      if (kind !== 'above' && kind !== 'below' && kind !== 'move') throw new UsageError(`alert kind must be above, below or move, not "${kindArg}"`);
      if (!SYMBOL.test(symbolArg)) throw new InputError(`"${symbolArg}" does not look like a symbol (e.g. AAPL, VOD.L, EURUSD=X)`);
      const threshold = positiveNumber(valueArg.replace(/%$/, ''), kind === 'move' ? 'the percentage' : 'the price');
      const { vetSymbols } = await import('../../market/symbol-check.js');
      await vetSymbols(deps, [symbolArg.toUpperCase()], { force: opts.force, what: 'added' });
      const { addAlert } = await import('../../store/alerts.js');
      const created = addAlert(deps.db(), { symbol: symbolArg.toUpperCase(), kind, threshold }, deps.clock.now());
      if (opts.json) writeJson(deps, created);
      else writeLine(deps, `alert ${created.id} added: ${created.symbol} ${describe(created)}`);
    });

  alert
    .command('list')
    .description('list alerts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { listAlerts } = await import('../../store/alerts.js');
      const alerts = listAlerts(deps.db());
      if (opts.json) return writeJson(deps, { alerts });
      if (alerts.length === 0) return writeLine(deps, 'No alerts. Add one with: portfolio alert add AAPL above 200');
      for (const a of alerts) {
        const state = a.armed ? 'armed' : `fired ${a.lastFiredAt ?? ''} (re-arms when the price crosses back)`;
        writeLine(deps, `${String(a.id).padStart(4)}  ${a.symbol.padEnd(10)} ${describe(a).padEnd(24)} ${state}`);
      }
    });

  alert
    .command('rm')
    .description('remove an alert')
    .argument('<id>', 'alert id (see alert list)')
    .action(async (idArg: string) => {
      const id = Number(idArg);
      if (!Number.isInteger(id) || id <= 0) throw new InputError(`alert id must be a whole number, not "${idArg}"`);
      const { removeAlert } = await import('../../store/alerts.js');
      if (!removeAlert(deps.db(), id)) throw new InputError(`no alert with id ${id}`);
      writeLine(deps, `alert ${id} removed`);
    });
}
