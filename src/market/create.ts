import { AppError } from '../cli/errors.js';
import type { Deps } from '../deps.js';
import type { MarketService } from './types.js';

/** Builds the market service for the configured provider. (Replaced by the market-data work.) */
export async function createMarketService(_deps: Deps): Promise<MarketService> {
  throw new AppError('market data is not available in this build');
}
