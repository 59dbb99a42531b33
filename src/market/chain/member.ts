/**
 * What the chain needs from a provider besides the MarketProvider seam: which asset classes it
 * prices and, for providers with a daily allowance, how much of it is left.
 */
import type { AssetClass } from '../asset-class.js';
import type { MarketProvider } from '../types.js';

export const PROVIDER_NAMES = ['yahoo', 'ecb', 'coingecko', 'tiingo', 'alphavantage'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface ChainMember extends MarketProvider {
  readonly classes: readonly AssetClass[];
  /** Requests left today under the provider's daily allowance (null: no allowance). */
  budget?(): { limit: number; used: number } | null;
}
