/**
 * The simulated market: deterministic seeded prices (src/market/sim-prices.ts) on a trading-day
 * calendar, moving intraday while the market is open. No network. It answers through the same
 * interface and the same cache path as Yahoo, and logs its calls like one, so `warm --json` and
 * `status` count them. Known symbols carry their real names (sim-known.ts). Symbols starting with "UNKNOWN" are unknown (to try that path offline).
 */
import { isoToDay } from '../../core/dates.js';
import type { Db } from '../../store/db.js';
import { logHttp } from '../../store/http-log.js';
import { MarketError } from '../errors.js';
import { simKnownName } from '../sim-known.js';
import { isSimTradingDay, simDividend, simQuote, simSplitFactor, simSymbol, simTradedClose } from '../sim-prices.js';
import { toMajorUnits } from '../../core/currency.js';
import { symbolInfo } from '../symbols.js';
import type { MarketProvider, ProviderQuote, SymbolFailure } from '../types.js';

export interface SimDeps {
  now: () => Date;
  db?: Db;
  seed?: number;
}

/** One simulated quote, as the provider answers it (major currency units). */
export function simProviderQuote(symbol: string, seed: number, now: Date): ProviderQuote {
  const info = symbolInfo(symbol);
  const { currency, divisor } = toMajorUnits(info.currency);
  const q = simQuote(simSymbol(symbol, seed), now);
  return {
    symbol,
    price: q.price / divisor,
    previousClose: q.previousClose / divisor,
    currency,
    name: simKnownName(symbol) ?? `${symbol} (simulated)`,
    marketTime: q.marketTime.toISOString(),
    marketState: q.marketState,
    exchangeTimezone: info.timezone,
    quoteType: info.quoteType,
    exchange: info.exchange,
  };
}

export function createSimProvider(deps: SimDeps): MarketProvider {
  const seed = deps.seed ?? 1;
  let count = 0;
  const log = (endpoint: string, symbols: readonly string[], status: number, context?: string) => {
    count++;
    if (deps.db) logHttp(deps.db, { provider: 'sim', endpoint, symbols, status, ms: 0, context }, deps.now());
  };
  return {
    name: 'sim',
    maxBatchSize: 50,
    requestCount: () => count,
    async quotes(symbols, signal, context) {
      if (signal?.aborted) throw new MarketError('aborted', 'request abandoned');
      const now = deps.now();
      const quotes: ProviderQuote[] = [];
      const failures: SymbolFailure[] = [];
      for (const symbol of symbols) {
        if (symbol.startsWith('UNKNOWN')) {
          failures.push({ symbol, message: 'unknown symbol: not in the simulated market', unknown: true, temporary: false });
          continue;
        }
        quotes.push(simProviderQuote(symbol, seed, now));
      }
      log('quote', symbols, 200, context);
      return { quotes, failures };
    },
    async history(symbol, fromDate, toDate, signal, context) {
      if (signal?.aborted) throw new MarketError('aborted', 'request abandoned');
      log('chart', [symbol], symbol.startsWith('UNKNOWN') ? 404 : 200, context);
      if (symbol.startsWith('UNKNOWN')) throw new MarketError('unknown-symbol', 'unknown symbol: not in the simulated market');
      const s = simSymbol(symbol, seed);
      const { currency, divisor } = toMajorUnits(symbolInfo(symbol).currency);
      const today = Math.floor(deps.now().getTime() / 86_400_000);
      const bars: { date: string; close: number }[] = [];
      const dividends: { date: string; amount: number }[] = [];
      for (let d = isoToDay(fromDate); d <= Math.min(isoToDay(toDate), today); d++) {
        if (!isSimTradingDay(s, d)) continue;
        const date = new Date(d * 86_400_000).toISOString().slice(0, 10);
        bars.push({ date, close: simTradedClose(s, d) / divisor });
        const div = simDividend(s, d);
        if (div !== null) dividends.push({ date, amount: (div * simSplitFactor(s, d)) / divisor });
      }
      const splits = s.splits
        .filter((x) => x.date >= fromDate && x.date <= toDate && x.day <= today)
        .map(({ date, numerator, denominator }) => ({ date, numerator, denominator }));
      return { symbol, currency, bars, dividends, splits };
    },
  };
}
