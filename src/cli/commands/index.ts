/**
 * Every command, registered in help order. A command module must stay cheap to import: heavy
 * packages (ink, react, got, cli-table3, csv-parse, node-cron...) are imported inside its action.
 */
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerAdd } from './add.js';
import { registerCashflows } from './cashflows.js';
import { registerChart } from './chart.js';
import { registerCompletion } from './completion.js';
import { registerExport } from './export.js';
import { registerHoldings } from './holdings.js';
import { registerImport } from './import.js';
import { registerPerformance } from './performance.js';
import { registerPrices } from './prices.js';
import { registerRemove } from './remove.js';
import { registerTransactions } from './transactions.js';
import { registerAlert } from './alert.js';
import { registerDaemon } from './daemon.js';
import { registerDashboard } from './dashboard.js';
import { registerDemo } from './demo.js';
import { registerNotifications } from './notifications.js';
import { registerStatus } from './status.js';
import { registerWarm } from './warm.js';

export type Register = (program: Command, deps: Deps) => void;

export const COMMANDS: readonly Register[] = [
  registerHoldings,
  registerPerformance,
  registerCashflows,
  registerChart,
  registerAdd,
  registerImport,
  registerExport,
  registerTransactions,
  registerRemove,
  registerPrices,
  registerDashboard,
  registerDemo,
  registerDaemon,
  registerWarm,
  registerStatus,
  registerAlert,
  registerNotifications,
  registerCompletion,
];
