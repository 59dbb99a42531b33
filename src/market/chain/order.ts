/**
 * Which providers to ask for a symbol, in order: config `symbols` (one symbol: its provider first,
 * its provider-side symbol, its class), then config `providers` for its asset class, else the
 * defaults: no key needed (yahoo; ecb first for FX; coingecko behind yahoo for crypto), keyed
 * providers appended when their key is set. Providers that are not available (no key) are skipped.
 */
import { ASSET_CLASSES, assetClassOf, type AssetClass } from '../asset-class.js';
import type { ProviderName } from './member.js';

export interface SymbolOverride {
  provider?: string;
  symbol?: string;
  /** An asset class of the chain (equity, etf, fund, crypto, fx); another word is an allocation class only. */
  class?: string;
}

export interface OrderConfig {
  providers?: Partial<Record<AssetClass, readonly string[]>>;
  symbols?: Readonly<Record<string, SymbolOverride>>;
}

export const KEY_HINT =
  'add a keyed fallback: set PORTFOLIO_TIINGO_KEY (or PORTFOLIO_ALPHAVANTAGE_KEY), or "tiingo": {"apiKey": "..."} in config.json';

export function defaultOrder(available: ReadonlySet<string>): Record<AssetClass, ProviderName[]> {
  const keyed = (['tiingo', 'alphavantage'] as const).filter((p) => available.has(p));
  return {
    equity: ['yahoo', ...keyed],
    etf: ['yahoo', ...keyed],
    fund: ['yahoo', ...keyed],
    crypto: ['yahoo', 'coingecko'],
    fx: ['ecb', 'yahoo'],
  };
}

export interface Route {
  assetClass: AssetClass;
  providers: string[];
  /** Provider-side symbol per provider, when config names one. */
  alias: Map<string, string>;
}

/**
 * `available`: providers that can be asked; `byDefault`: those the defaults may use (when a base URL
 * is redirected, e.g. to a mirror or a test server, defaults use only redirected providers).
 */
export function createRouter(config: OrderConfig, available: ReadonlySet<string>, quoteType: (symbol: string) => string | null, byDefault: ReadonlySet<string> = available) {
  const defaults = defaultOrder(byDefault);
  const classOrder = (c: AssetClass): string[] => [...(config.providers?.[c] ?? defaults[c].filter((p) => byDefault.has(p)))];
  return (symbol: string): Route => {
    const o = config.symbols?.[symbol];
    const assetClass = o?.class !== undefined && isAssetClass(o.class) ? o.class : assetClassOf(symbol, quoteType(symbol));
    const list = o?.provider ? [o.provider, ...classOrder(assetClass).filter((p) => p !== o.provider)] : classOrder(assetClass);
    const alias = new Map<string, string>();
    if (o?.provider && o.symbol) alias.set(o.provider, o.symbol);
    return { assetClass, providers: list.filter((p) => available.has(p)), alias };
  };
}

export const isAssetClass = (v: string): v is AssetClass => (ASSET_CLASSES as readonly string[]).includes(v);
