/**
 * Every command, registered in help order. A command module must stay cheap to import: heavy
 * packages (ink, react, got, cli-table3, csv-parse, node-cron...) are imported inside its action.
 */
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';

export type Register = (program: Command, deps: Deps) => void;

export const COMMANDS: readonly Register[] = [];
