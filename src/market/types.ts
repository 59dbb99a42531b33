/**
 * The market-data seams. Providers speak to one source; the MarketService is what the CLI, the
 * dashboard, `warm` and the daemon use: it batches, throttles, guards with the breaker and writes
 * everything to the cache. The UI never fetches; it subscribes to the service's progress.
 */
import type { Quote } from '../core/types.js';

export interface ProviderQuote {
  symbol: string;
  price: number;
  previousClose: number | null;
  currency: string; // already converted from minor units (GBp -> GBP)
  name: string | null;
  marketTime: string | null;
  marketState: string | null;
  exchangeTimezone: string | null;
  quoteType: string | null;
  exchange: string | null;
}

export interface ProviderBar {
  date: string; // YYYY-MM-DD in the exchange's calendar
  close: number;
}

export interface ProviderHistory {
  symbol: string;
  currency: string | null;
  bars: ProviderBar[];
  dividends: { date: string; amount: number }[];
  splits: { date: string; numerator: number; denominator: number }[];
}

/** Per-symbol outcome of a provider call that may partly fail. */
export interface SymbolFailure {
  symbol: string;
  message: string;
  /** The provider says this symbol does not exist. */
  unknown?: boolean;
}

export interface MarketProvider {
  readonly name: string;
  readonly maxBatchSize: number;
  quotes(symbols: readonly string[], signal?: AbortSignal): Promise<{ quotes: ProviderQuote[]; failures: SymbolFailure[] }>;
  history(symbol: string, fromDate: string, toDate: string, signal?: AbortSignal): Promise<ProviderHistory>;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface RefreshProgress {
  done: number; // symbols handled so far
  total: number;
  batch: number; // 1-based index of the batch that just landed
  batches: number;
  /** Quotes that just landed (already written to the cache). */
  quotes: Quote[];
  failures: SymbolFailure[];
}

export interface RefreshResult {
  requested: number;
  fetched: number;
  cached: number; // still fresh in cache, not asked for
  failed: SymbolFailure[];
  apiCalls: number;
  circuit: CircuitState;
}

export interface RefreshOptions {
  /** Ask even for quotes that are still fresh. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: RefreshProgress) => void;
  /** Who is asking, for the request log: 'dashboard', 'warm', 'daemon'. */
  context?: string;
}

export interface MarketService {
  readonly providerName: string;
  refreshQuotes(symbols: readonly string[], options?: RefreshOptions): Promise<RefreshResult>;
  circuitState(): CircuitState;
  /** Releases timers and sockets so the process can exit. */
  close(): void;
}
