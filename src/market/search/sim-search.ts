/** Search over the simulated market's named instruments (PORTFOLIO_PROVIDER=sim): no network. */
import { SIM_KNOWN } from '../sim-known.js';
import { toMajorUnits } from '../../core/currency.js';
import { symbolInfo } from '../symbols.js';
import type { SearchClient, SearchHit } from './types.js';

const TYPE: Record<string, string> = { stock: 'equity', index: 'etf', bond: 'etf', crypto: 'crypto', fx: 'fx' };

export function createSimSearch(): SearchClient {
  return {
    name: 'sim',
    search(query) {
      const q = query.toUpperCase();
      const hits: SearchHit[] = [];
      for (const [symbol, k] of Object.entries(SIM_KNOWN)) {
        if (!symbol.includes(q) && !k.name.toUpperCase().includes(q)) continue;
        const info = symbolInfo(symbol);
        hits.push({ symbol, name: k.name, exchange: info.exchange, type: TYPE[k.assetClass] ?? null, currency: toMajorUnits(info.currency).currency, source: 'sim', providerRank: hits.length });
      }
      return Promise.resolve(hits);
    },
  };
}

/** Every symbol the simulated market knows by name (also a dictionary of well-known tickers for "did you mean"). */
export function simKnownSymbols(): string[] {
  return Object.keys(SIM_KNOWN);
}
