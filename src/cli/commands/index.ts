/**
 * Every command, registered in help order. A command module must stay cheap to import: heavy
 * packages (ink, react, got, csv-parse, node-cron...) are imported inside its action.
 */
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerAdd } from './add.js';
import { registerAllocation } from './allocation.js';
import { registerCashflows } from './cashflows.js';
import { registerChart } from './chart.js';
import { registerCompletion } from './completion.js';
import { registerExport } from './export.js';
import { registerGains } from './gains.js';
import { registerIncome } from './income.js';
import { registerHoldings } from './holdings.js';
import { registerImport } from './import.js';
import { registerPerformance } from './performance.js';
import { registerPrices } from './prices.js';
import { registerRebalance } from './rebalance.js';
import { registerRemove } from './remove.js';
import { registerTransactions } from './transactions.js';
import { registerAlert } from './alert.js';
import { registerDaemon } from './daemon.js';
import { registerDashboard } from './dashboard.js';
import { registerDemo } from './demo.js';
import { registerNotifications } from './notifications.js';
import { registerStatus } from './status.js';
import { registerTarget } from './target.js';
import { registerWarm } from './warm.js';
import { registerSearch } from './search.js';
import { registerWatch } from './watch.js';

export type Register = (program: Command, deps: Deps) => void;

export const COMMANDS: readonly Register[] = [
  registerHoldings,
  registerPerformance,
  registerCashflows,
  registerGains,
  registerIncome,
  registerChart,
  registerAllocation,
  registerTarget,
  registerRebalance,
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
  registerWatch,
  registerSearch,
  registerCompletion,
];
