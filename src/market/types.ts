/**
 * The market-data seams. Providers speak to one source; the MarketService is what the CLI, the
 * dashboard, `warm` and the daemon use: it batches, throttles, guards with the breaker and writes
 * everything to the cache. The UI never fetches; it subscribes to the service's progress.
 */
import type { Quote } from '../core/types.js';

// The data shapes live in core (the store writes them too); the seams below use them.
export type { ProviderBar, ProviderHistory, ProviderQuote } from '../core/market-data.js';
import type { ProviderHistory, ProviderQuote } from '../core/market-data.js';

/** Per-symbol outcome of a provider call that may partly fail. */
export interface SymbolFailure {
  symbol: string;
  message: string;
  /** The provider says this symbol does not exist. */
  unknown?: boolean;
  /** Worth retrying later (network, 5xx, 429, circuit open, aborted); false for bad or unknown data. */
  temporary?: boolean;
  /** Bad input: no other provider should be asked either. */
  final?: boolean;
  /** The provider does not cover this symbol or its asset class. */
  notCovered?: boolean;
  /** The provider refused or is backing off (401/403, rate limit, circuit open, allowance used up). */
  refusing?: boolean;
  /** Every provider in the symbol's chain was asked and none could price it. */
  exhausted?: boolean;
}

export interface MarketProvider {
  readonly name: string;
  readonly maxBatchSize: number;
  /** Never throws for per-symbol problems; throws MarketError when the whole call failed. */
  quotes(symbols: readonly string[], signal?: AbortSignal, context?: string): Promise<{ quotes: ProviderQuote[]; failures: SymbolFailure[] }>;
  /** Daily closes and events for [fromDate, toDate] (inclusive); throws MarketError on failure. */
  history(symbol: string, fromDate: string, toDate: string, signal?: AbortSignal, context?: string): Promise<ProviderHistory>;
  /** Releases sockets and timers. */
  close?(): void;
  /** HTTP requests made so far by this provider instance (for apiCalls). */
  requestCount?(): number;
  /**
   * Daily closes for many symbols in few requests (top-ups of covered symbols). Symbols it cannot do
   * this way come back as failures and are then fetched one by one with history().
   */
  closes?(requests: readonly { symbol: string; from: string; to: string }[], signal?: AbortSignal, context?: string): Promise<{ histories: ProviderHistory[]; failures: SymbolFailure[] }>;
  /** The circuit to report (a chain: its first provider's); default: the breaker named after the provider. */
  circuit?(): CircuitState;
}

export type { CircuitState } from '../core/market-data.js';
import type { CircuitState } from '../core/market-data.js';

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
  /** Quotes stored per provider that gave them. */
  sources?: Record<string, number>;
  /** The signal fired before everything was handled; unhandled symbols are in `failed`. */
  aborted?: boolean;
}

export interface RefreshOptions {
  /** Ask even for quotes that are still fresh. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: RefreshProgress) => void;
  /** Who is asking, for the request log: 'dashboard', 'warm', 'daemon'. */
  context?: string;
}

/** A symbol whose daily history should be complete from `from` (YYYY-MM-DD) to the last closed day. */
export interface HistoryRequest {
  symbol: string;
  from: string;
}

export interface HistoryProgress {
  done: number;
  total: number;
  symbol: string;
  failure: SymbolFailure | null;
}

export interface HistoryResult {
  requested: number;
  fetched: number; // symbols that needed (and got) at least one range
  cached: number; // symbols already covered: no request
  failed: SymbolFailure[];
  apiCalls: number;
  circuit: CircuitState;
  aborted?: boolean;
}

export interface HistoryOptions {
  signal?: AbortSignal;
  onProgress?: (progress: HistoryProgress) => void;
  context?: string;
}

export interface MarketService {
  readonly providerName: string;
  /**
   * Refreshes latest quotes: fresh ones are skipped (unless force), the rest go out in batches of
   * at most provider.maxBatchSize, each batch written to the cache in one transaction as it lands.
   * Never rejects for provider trouble; failures are listed per symbol. Resolves early when aborted.
   */
  refreshQuotes(symbols: readonly string[], options?: RefreshOptions): Promise<RefreshResult>;
  /**
   * Fetches only the missing ranges of daily history (closes, dividends, splits) for each symbol.
   * A bare symbol starts a week before its first transaction (FX pairs: before the first
   * transaction of the ledger; no transactions: one year back).
   */
  refreshHistory(requests: readonly (HistoryRequest | string)[], options?: HistoryOptions): Promise<HistoryResult>;
  /** Called with every batch of quotes written to the cache (alerts). Returns an unsubscribe function. */
  onQuotesStored(listener: (quotes: Quote[]) => void): () => void;
  circuitState(): CircuitState;
  /** Releases timers and sockets so the process can exit. */
  close(): void;
}
