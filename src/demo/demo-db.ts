/**
 * The demo database: its own file next to the user's (never the user's database), filled once
 * with the sample ledger, and topped up with simulated daily closes so charts work offline.
 */
import { dirname, join } from 'node:path';
import { toMajorUnits } from '../core/currency.js';
import { addDays, dayOf, dayToIso, isoToDay } from '../core/dates.js';
import { isSimTradingDay, simSymbol, simTradedClose } from '../market/sim-prices.js';
import { simProviderQuote } from '../market/providers/sim.js';
import { symbolInfo } from '../market/symbols.js';
import { clearPerfCache } from '../store/perf-cache.js';
import { fetchedClose } from '../store/prices.js';
import { clearMarketData, getCoverage, simHistoryWriter, upsertQuotes } from '../store/quote-cache.js';
import { inTransaction, type Db } from '../store/db.js';
import { countTransactions, deleteAllTransactions, insertTransactions } from '../store/transactions.js';
import { generateDemoTransactions } from './generate.js';
import { DEMO_INSTRUMENTS, DEMO_START } from './universe.js';

/** `PORTFOLIO_HOME/demo.db`, or `demo.db` beside the default database. */
export function demoDbPath(env: NodeJS.ProcessEnv, userDbPath: string): string {
  return env.PORTFOLIO_HOME ? join(env.PORTFOLIO_HOME, 'demo.db') : join(dirname(userDbPath), 'demo.db');
}

export const DEMO_FX = ['EURUSD=X', 'GBPUSD=X'];

export interface DemoSetup {
  created: boolean;
  transactions: number;
  closesAdded: number;
}

/** Idempotent: the ledger is written once; closes are added up to yesterday for whatever is missing. */
export function ensureDemoData(db: Db, now: Date): DemoSetup {
  const today = dayToIso(dayOf(now));
  if (isOutdated(db)) wipe(db);
  const count = countTransactions(db);
  let created = false;
  if (count === 0) {
    insertTransactions(db, generateDemoTransactions(today));
    created = true;
  }
  const history = simHistoryWriter(db);
  const end = addDays(today, -1);
  const from = addDays(DEMO_START, -10);
  let closesAdded = 0;
  inTransaction(db, () => {
    for (const inst of DEMO_INSTRUMENTS) history.nameInstrument(inst.symbol, inst.name, inst.currency, inst.symbol.endsWith('-USD') ? 'CRYPTOCURRENCY' : 'EQUITY');
    for (const symbol of [...DEMO_INSTRUMENTS.map((i) => i.symbol), ...DEMO_FX]) {
      const covered = getCoverage(db, symbol)?.to;
      if (covered !== undefined && covered >= end) continue;
      const s = simSymbol(symbol);
      const info = symbolInfo(symbol);
      const { currency, divisor } = toMajorUnits(info.currency);
      const fetchedAt = now.toISOString();
      for (let d = isoToDay(covered ? addDays(covered, 1) : from); d <= isoToDay(end); d++) {
        if (!isSimTradingDay(s, d)) continue;
        const close = simTradedClose(s, d); // as traded, like the ledger's quantities
        closesAdded += history.addClose(symbol, dayToIso(d), close / divisor, currency, fetchedAt);
      }
      history.setCoverage(symbol, from, end, fetchedAt);
    }
  }, { immediate: true });
  // A new demo opens priced, as if just refreshed: the sim provider's own answer for now (the
  // dashboard still refreshes it). Later runs show the earlier session's quotes with their age.
  if (created) seedQuotes(db, now);
  return { created, transactions: count === 0 ? countTransactions(db) : count, closesAdded };
}

function seedQuotes(db: Db, now: Date): void {
  const answers = [...DEMO_INSTRUMENTS.map((i) => i.symbol), ...DEMO_FX].map((symbol) => simProviderQuote(symbol, 1, now));
  const quotes = answers.map((q) => ({
    symbol: q.symbol, price: q.price, previousClose: q.previousClose, currency: q.currency, name: q.name, marketTime: q.marketTime,
    marketState: q.marketState, exchangeTimezone: q.exchangeTimezone, fetchedAt: now.toISOString(), source: 'sim',
  }));
  upsertQuotes(db, quotes, new Map(answers.map((q) => [q.symbol, { quoteType: q.quoteType, exchange: q.exchange }])));
}

/** Built by an older simulation (other price levels): its trades would not match today's prices. */
function isOutdated(db: Db): boolean {
  const close = fetchedClose(db, 'VTI', DEMO_START);
  return close !== undefined && Math.abs(close - simTradedClose(simSymbol('VTI'), isoToDay(DEMO_START))) > 1e-6;
}

/** The demo database holds nothing of the user's, so its ledger and market data can be rebuilt. */
function wipe(db: Db): void {
  inTransaction(db, () => {
    deleteAllTransactions(db);
    clearMarketData(db);
    clearPerfCache(db);
  }, { immediate: true });
}
