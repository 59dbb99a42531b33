/** What a market-data provider answers, as plain data: the market layer fetches it, the store keeps it. */

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
  /** 52-week range in major units, when the provider gives it. */
  week52Low?: number | null;
  week52High?: number | null;
  /** The provider that gave this price (a chain sets it; otherwise the provider's name). */
  source?: string;
  /** The last or next dividend's date (YYYY-MM-DD), when the provider tells it. */
  dividendDate?: string;
}

export interface ProviderBar {
  date: string; // YYYY-MM-DD in the exchange's calendar
  close: number; // as traded: NOT adjusted for later splits (the ledger's quantities are not either)
}

export interface ProviderHistory {
  symbol: string;
  currency: string | null;
  bars: ProviderBar[];
  dividends: { date: string; amount: number }[];
  splits: { date: string; numerator: number; denominator: number }[];
  /** The provider that gave these closes (a chain sets it; otherwise the provider's name). */
  source?: string;
}

/** The provider breaker's state (kept in SQLite so every process shares it). */
export type CircuitState = 'closed' | 'open' | 'half-open';
