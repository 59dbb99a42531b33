/**
 * Other tools' symbols to ours (Yahoo forms): IB exchange codes to Yahoo suffixes (the table of
 * Portfolio Performance's IBFlexStatementExtractor), Ghostfolio's crypto and FX forms, ISINs.
 */
import { fxSymbol } from '../../core/currency.js';
import type { ParseContext } from './types.js';

const IB_SUFFIX: Record<string, string> = {
  TSE: '.TO', VENTURE: '.V', LSE: '.L', LSEIOB1: '.IL', ISED: '.IR', AEB: '.AS', 'ENEXT.BE': '.BR', BVL: '.LS',
  SBF: '.PA', BVME: '.MI', IBIS: '.DE', IBIS2: '.DE', TGATE: '.DE', FWB: '.F', FWB2: '.F', SWB: '.SG', EBS: '.SW', SWX: '.SW',
  VSE: '.VI', SFB: '.ST', OSE: '.OL', OMXNO: '.OL', CPH: '.CO', HEX: '.HE', 'N.RIGA': '.RG', 'N.TALLINN': '.TL',
  'N.VILNIUS': '.VS', BM: '.MC', WSE: '.WA', PRA: '.PR', BUX: '.BD', SEHK: '.HK', SEHKNTL: '.SS', SEHKSTAR: '.SS',
  SEHKSZSE: '.SZ', CHINEXT: '.SZ', TWSE: '.TW', TSEJ: '.T', SGX: '.SI', NSE: '.NS', ASX: '.AX', MEXI: '.MX',
  BOVESPA: '.SA', JSE: '.JO',
};

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}\d$/;
const CURRENCIES = new Set(['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'HKD', 'SGD', 'CNY', 'INR', 'ZAR', 'ILS', 'MXN', 'BRL', 'TRY', 'KRW']);

export function isIsin(text: string): boolean {
  return ISIN.test(text.trim().toUpperCase());
}

/** IB symbol + listing exchange -> Yahoo: `BRK B` -> `BRK-B`, `VOD` on LSE -> `VOD.L`. */
export function ibToYahoo(symbol: string, exchange: string | undefined): string {
  const s = symbol.trim().replace(/\.OLD$/, '').replace(/\s+/g, '-');
  if (s.includes('.') && /\.[A-Z]{1,2}$/.test(s)) return s; // already suffixed (4543.T)
  return s + (IB_SUFFIX[(exchange ?? '').trim().toUpperCase()] ?? '');
}

/** Ghostfolio YAHOO symbols: `BTCUSD` -> `BTC-USD`, `USDCHF` -> `USDCHF=X`; others unchanged. */
export function ghostfolioToYahoo(symbol: string, dataSource: string | undefined): string {
  const s = symbol.trim().toUpperCase();
  if ((dataSource ?? 'YAHOO').toUpperCase() !== 'YAHOO' || s.includes('.') || s.includes('-')) return s;
  const m = /^([A-Z0-9]{2,10})(USD|EUR|GBP|CHF|JPY)$/.exec(s);
  if (!m) return s;
  if (s.length === 6 && CURRENCIES.has(s.slice(0, 3))) return fxSymbol(s.slice(0, 3), s.slice(3));
  return `${m[1]}-${m[2]}`;
}

/** What the user can do about an ISIN left without a symbol (shown in each warning). */
export const ISIN_HINT = 'map it with --isin ISIN=SYMBOL when importing';

/**
 * An ISIN becomes a symbol through the table looked up before mapping (with-isins.ts); when it has
 * no symbol (offline, no listing found) the row keeps the ISIN as its symbol, with a warning.
 */
export function symbolFromIsin(isin: string, ctx: ParseContext, warn: (message: string) => void): string {
  const found = ctx.resolveIsin?.(isin) ?? null;
  if (found && 'symbol' in found) return found.symbol;
  const why = found ? found.problem : 'no lookup was made (offline)';
  warn(`ISIN ${isin} kept as the symbol: ${why}; no provider prices it until it is mapped to a ticker (${ISIN_HINT})`);
  return isin;
}
