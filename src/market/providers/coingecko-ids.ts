/**
 * `BTC-USD` -> CoinGecko id `bitcoin`. CoinGecko's symbols are not unique (many coins call
 * themselves "eth"), so the big coins come from this table; others from /coins/list when exactly
 * one coin has the symbol, or from config `symbols` ({"XYZ-USD": {"provider": "coingecko", "symbol": "xyz-id"}}).
 */
export const BUILT_IN_IDS: Readonly<Record<string, string>> = {
  BTC: 'bitcoin', ETH: 'ethereum', USDT: 'tether', BNB: 'binancecoin', SOL: 'solana', XRP: 'ripple',
  USDC: 'usd-coin', ADA: 'cardano', DOGE: 'dogecoin', TRX: 'tron', DOT: 'polkadot', MATIC: 'matic-network',
  LTC: 'litecoin', AVAX: 'avalanche-2', LINK: 'chainlink', XLM: 'stellar', BCH: 'bitcoin-cash', ATOM: 'cosmos',
  XMR: 'monero', ETC: 'ethereum-classic', SHIB: 'shiba-inu', UNI: 'uniswap', NEAR: 'near', ALGO: 'algorand',
  DAI: 'dai', TON: 'the-open-network', ZRX: '0x',
};

/** symbol (upper case) -> ids having it, from a /coins/list answer. */
export function idsBySymbol(list: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!Array.isArray(list)) return out;
  for (const c of list) {
    const { id, symbol } = (c ?? {}) as { id?: unknown; symbol?: unknown };
    if (typeof id !== 'string' || typeof symbol !== 'string' || !id) continue;
    (out[symbol.toUpperCase()] ??= []).push(id);
  }
  return out;
}
