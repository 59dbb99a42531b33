/** What a symbol search returns, from any provider that can search. */
export interface SearchHit {
  /** A Yahoo symbol (the contract's symbols): AAPL, APC.DE, BTC-USD. */
  symbol: string;
  name: string | null;
  exchange: string | null;
  /** equity, etf, fund, crypto, fx, index, option, future, or the provider's own word. */
  type: string | null;
  currency: string | null;
  /** The provider that found it: yahoo, coingecko, openfigi, sim. */
  source: string;
  /** The ISIN asked for, when the hit came from an ISIN lookup. */
  isin?: string;
  /** The provider's own rank (0 = its best answer). */
  providerRank: number;
}

export interface SearchClient {
  readonly name: string;
  search(query: string, signal?: AbortSignal): Promise<SearchHit[]>;
  close?(): void;
}

const TYPES: Record<string, string> = {
  EQUITY: 'equity',
  ETF: 'etf',
  MUTUALFUND: 'fund',
  CRYPTOCURRENCY: 'crypto',
  CURRENCY: 'fx',
  INDEX: 'index',
  OPTION: 'option',
  FUTURE: 'future',
};

/** Yahoo's quoteType words in the contract's asset-class words. */
export function typeWord(quoteType: string | null): string | null {
  if (!quoteType) return null;
  return TYPES[quoteType.toUpperCase()] ?? quoteType.toLowerCase();
}
