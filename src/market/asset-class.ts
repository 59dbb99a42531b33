/**
 * The asset class of a symbol, which picks its provider chain: FX pairs (`EURUSD=X`), crypto
 * (`BTC-USD`), funds and ETFs (when a provider has told us the quote type), equities otherwise.
 */
import { parseFxPair } from '../core/currency.js';

export const ASSET_CLASSES = ['equity', 'etf', 'fund', 'crypto', 'fx'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

const CRYPTO_QUOTES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'BTC', 'ETH', 'USDT', 'USDC']);

export function assetClassOf(symbol: string, quoteType: string | null = null): AssetClass {
  if (parseFxPair(symbol) !== null || quoteType === 'CURRENCY') return 'fx';
  const dash = /^[A-Z0-9]+-([A-Z]{3,4})$/.exec(symbol);
  if (quoteType === 'CRYPTOCURRENCY' || (dash && CRYPTO_QUOTES.has(dash[1] as string) && !symbol.includes('.'))) {
    // BRK-B is an equity in Yahoo's form: a crypto pair's quote side is a currency.
    if (quoteType === null || quoteType === 'CRYPTOCURRENCY') return 'crypto';
  }
  if (quoteType === 'ETF') return 'etf';
  if (quoteType === 'MUTUALFUND') return 'fund';
  return 'equity';
}

/** `BTC-USD` -> ['BTC', 'USD'], or null. */
export function cryptoPair(symbol: string): [string, string] | null {
  const m = /^([A-Z0-9]+)-([A-Z]{3,4})$/.exec(symbol);
  return m ? [m[1] as string, m[2] as string] : null;
}
